"""The ZIP of a course's certificates for ministry staff, built in the background and stored privately.

The archive remembers which certificates (and which of their PDFs) it holds; the download view offers it only
while that still matches the course's current, rendered certificates.
"""

import hashlib
import zipfile
from tempfile import SpooledTemporaryFile

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.background import enqueue_on_commit
from core.files import replace_file
from courses.models import CoursePage

from .models import Certificate, CertificateArchive


def certificates_of(course):
    return (
        Certificate.objects.current()
        .filter(enrolment__course=course, rendered_at__isnull=False)
        .exclude(file="")
        .order_by("holder_name", "code")
    )


def fingerprint(certificates):
    signature = ";".join(f"{certificate.code}:{certificate.file.name}" for certificate in certificates)
    return hashlib.sha256(signature.encode()).hexdigest()


def is_current(archive):
    return bool(archive.file) and archive.fingerprint == fingerprint(certificates_of(archive.course))


def build(course_id):
    """Write the ZIP of the course's current certificates, unless the stored one already holds exactly them."""
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None:
        return None
    archive, _created = CertificateArchive.objects.get_or_create(course=course)
    certificates = list(certificates_of(course))
    signature = fingerprint(certificates)
    if archive.file and archive.fingerprint == signature:
        return archive
    with SpooledTemporaryFile(max_size=32 * 1024 * 1024) as buffer:
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as bundle:  # PDFs are compressed already
            for certificate in certificates:
                with certificate.file.open("rb") as pdf:
                    name = f"{slugify(certificate.holder_name) or 'certificado'}-{certificate.code}.pdf"
                    bundle.writestr(name, pdf.read())
        buffer.seek(0)
        with transaction.atomic():
            locked = CertificateArchive.objects.select_for_update().get(pk=archive.pk)
            replace_file(locked.file, f"{course.slug}-{signature[:12]}.zip", File(buffer))
            locked.fingerprint, locked.certificates, locked.built_at = signature, len(certificates), timezone.now()
            locked.save()
    return locked


def request(course, user):
    """Ask for a fresh archive of ``course`` (built in the background); returns the archive record."""
    from .tasks import build_course_archive

    archive, _created = CertificateArchive.objects.update_or_create(
        course=course, defaults={"requested_by": user, "requested_at": timezone.now()}
    )
    enqueue_on_commit(build_course_archive, course.pk)
    return archive
