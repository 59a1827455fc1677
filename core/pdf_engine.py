"""WeasyPrint's side of ``core.pdf``: the fetcher of the site's own files and the shared font configuration.

Imported by ``core.pdf.render_pdf`` on the first render only: WeasyPrint and the libraries it loads (Pango,
fontTools…) take some 40 MB, which web processes, never rendering, do not need.
"""

import mimetypes
from functools import cache
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from weasyprint import HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

from .pdf import PdfError, base_url

__all__ = ["HTML", "LocalFilesFetcher", "font_configuration"]


class LocalFilesFetcher(URLFetcher):
    """Serves ``/static/…`` and ``/media/…`` of the site from disk; refuses every other address."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = self.local_path(url)
        if path is None:
            raise PdfError(f"PDF resources come only from the site's static and media files, not {url[:200]!r}.")
        mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        with open(path, "rb") as source:
            body = source.read()
        return URLFetcherResponse(url, body, {"Content-Type": mime_type})

    def local_path(self, url):
        """The file on disk for a static or media address of this site, or ``None``."""
        parts = urlsplit(url)
        site = urlsplit(base_url())
        if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return None
        path = unquote(parts.path)
        try:
            if path.startswith(settings.STATIC_URL):
                name = path.removeprefix(settings.STATIC_URL)
                if settings.STATIC_ROOT and staticfiles_storage.exists(name):
                    return staticfiles_storage.path(name)
                return finders.find(name)
            if path.startswith(settings.MEDIA_URL):
                name = path.removeprefix(settings.MEDIA_URL)
                return default_storage.path(name) if default_storage.exists(name) else None
        except SuspiciousFileOperation:  # "../" climbing out of the folder
            return None
        return None


@cache
def font_configuration():
    return FontConfiguration()
