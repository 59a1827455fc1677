"""Where certificate PDFs and course archives are kept: a folder no web server serves.

``PRIVATE_MEDIA_ROOT`` (default ``private/`` in ``MEDIA_ROOT``'s parent) is outside ``MEDIA_ROOT`` on purpose:
the proxy serves ``MEDIA_URL`` from ``MEDIA_ROOT`` to anyone, and a certificate must only ever reach the people
the download views let through. The storage has no base URL, so nothing can link to a file by accident.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.functional import LazyObject


class PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


private_storage = PrivateStorage()


def get_private_storage():
    """For ``FileField(storage=…)``: a callable keeps the folder out of migrations."""
    return private_storage


def attachment(field_file, content_type, filename):
    """A private file as a download that no cache keeps (only the views that checked permission call this)."""
    response = FileResponse(field_file.open("rb"), content_type=content_type, as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response
