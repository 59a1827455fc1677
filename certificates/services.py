"""Writes to certificates: issuing (exactly once per completed enrolment), rendering, telling the holder,
revoking, re-issuing, and forgetting the holder's name when their personal data is erased.

Everything here is idempotent so the Celery tasks (``tasks.py``) can retry freely: ``issue`` finds the
certificate another worker made, ``render`` leaves a rendered certificate alone, ``notify_holder`` claims the
email before sending it. Which certificate is current is decided by the database (see ``models.records``).
"""

import logging
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.background import enqueue_on_commit
from core.files import delete_on_commit, replace_file
from core.pdf import base_url
from courses.models import CourseItem, Enrolment

from . import audit, codes, rendering
from .models import Certificate, CertificateTemplate, Credential

logger = logging.getLogger(__name__)

CODE_ATTEMPTS = 5
HOLDER_REMOVED = _("Holder removed: their personal data was erased at their request.")


class CannotChange(Exception):
    """The certificate is not in a state that allows this (already revoked, already replaced…)."""


def template_for(course):
    return (course.certificate_template if course else None) or CertificateTemplate.objects.default()


def snapshot(enrolment):
    """What a certificate of ``enrolment`` certifies today, with the text of its course's template."""
    user, course = enrolment.user, enrolment.course
    template = template_for(course)
    values = {
        "holder_name": user.get_full_name() or user.email,
        "course_title": course.title,
        "hours": course.estimated_hours,
        "completed_on": timezone.localdate(enrolment.completed_at),
        "municipality_name": user.municipality.name if user.municipality else "",
    }
    body = template.fill(rendering.placeholder_values(**values))
    if required_practice(course):
        with translation.override(settings.LANGUAGE_CODE):
            note = gettext("Course completed with applied practice in their municipality.")
        body = f"{body} {note}"
    return {
        **values,
        "issuer": template.issuer,
        "title": template.title,
        "body": body,
        "template": template,
        "template_version": template.version,
    }


def required_practice(course):
    """Whether the course asks for a practice that counts (the practices app's "Práctica", published, required):
    its certificates then say "con práctica aplicada"."""
    from django.apps import apps

    try:
        item_model = apps.get_model("practices", "PracticeItemPage")
    except LookupError:
        return False
    return CourseItem.objects.required().in_course(course).type(item_model).exists()


def issuable(enrolment):
    return (
        enrolment is not None
        and enrolment.completed_at is not None
        and enrolment.course is not None
        and enrolment.user.erased_at is None
    )


def issue(enrolment_id):
    """The current certificate of a completed enrolment, made if the enrolment never had one.

    Returns ``None`` when there is nothing to issue: the enrolment is not complete, its course is gone, or its
    certificate was revoked (a revoked certificate is re-issued by a person, never by the sweep).
    """
    enrolment = Enrolment.objects.select_related("user__municipality", "course").filter(pk=enrolment_id).first()
    if not issuable(enrolment):
        return None
    existing = Certificate.objects.filter(enrolment=enrolment).order_by("-issued_at").first()
    if existing is not None:
        return existing if existing.is_current else None
    values = snapshot(enrolment)
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(enrolment=enrolment, code=codes.generate(), **values)
                audit.record(certificate, audit.ISSUED, code=certificate.display_code)
            return certificate
        except IntegrityError:
            # Another worker issued it first (one current certificate per enrolment), or, once in 2⁵⁵, the code
            # was taken: take theirs, or try another code.
            current = Certificate.objects.current().filter(enrolment=enrolment).first()
            if current is not None:
                return current
    raise RuntimeError(f"Could not find a free verification code in {CODE_ATTEMPTS} attempts.")


def render(certificate, *, force=False):
    """Make the certificate's PDF unless it has one (``force``: again, e.g. after a template fix)."""
    if certificate.is_ready and not force:
        return certificate
    template = certificate.template or CertificateTemplate.objects.default()
    pdf = rendering.render(certificate, template)
    logger.info("Certificate %s: %s page(s) in %.2f s", certificate.code, pdf.pages, pdf.seconds)
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.is_ready and not force:
            return locked  # another worker stored it meanwhile
        replace_file(locked.file, f"{locked.code}-{secrets.token_hex(6)}.pdf", ContentFile(pdf.content))
        locked.pages, locked.rendered_at = pdf.pages, timezone.now()
        if force:
            locked.template, locked.template_version = template, template.version
        locked.save(update_fields=["file", "pages", "rendered_at", "template", "template_version"])
    return locked


def notify_holder(certificate):
    """Email the holder once that their certificate is ready (claimed first, so two workers send one email)."""
    user = certificate.enrolment.user
    if not certificate.is_ready or not user.is_active or not user.email:
        return False
    claimed = Certificate.objects.filter(pk=certificate.pk, notified_at__isnull=True).update(notified_at=timezone.now())
    if not claimed:
        return False
    try:
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "certificate": certificate,
                "user": user,
                "download_url": base_url().rstrip("/") + certificate.pdf_url,
                "verification_url": rendering.verification_address(certificate.code),
            }
            subject = render_to_string("certificates/email/ready_subject.txt", context).strip()
            body = render_to_string("certificates/email/ready_body.txt", context)
        send_mail(subject, body, None, [user.email])
    except Exception:
        # Give the claim back so the retry sends it.
        Certificate.objects.filter(pk=certificate.pk).update(notified_at=None)
        raise
    return True


def deliver(enrolment_id):
    """Issue, render and announce the certificate of a completed enrolment: what the task does, step by step."""
    certificate = issue(enrolment_id)
    if certificate is None:
        return None
    certificate = render(certificate)
    notify_holder(certificate)
    return certificate


def revoke(certificate, reason, *, by=None):
    """Revoke a current certificate; the verification page shows the date and the reason from now on."""
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not locked.is_current:
            raise CannotChange(_("Only a valid certificate can be revoked."))
        locked.revoked_at, locked.revoked_reason = timezone.now(), str(reason)
        locked.save(update_fields=["revoked_at", "revoked_reason"])
        audit.record(locked, audit.REVOKED, by=by, code=locked.display_code, reason=locked.revoked_reason)
    return locked


def reissue(certificate, *, by=None):
    """Replace a certificate (valid or revoked) by a new one with a new code and today's data (e.g. a corrected
    name). The old code's verification page says which certificate replaced it. The PDF is made in the background.
    """
    from .tasks import deliver_certificate

    with transaction.atomic():
        # Lock the certificate row only: the course is on the nullable side of the join.
        old = Certificate.objects.select_for_update(of=("self",)).select_related("enrolment__user", "enrolment__course")
        old = old.get(pk=certificate.pk)
        if old.replaced_at or not issuable(old.enrolment):
            raise CannotChange(_("This certificate was already replaced, or its course or holder no longer exists."))
        if Certificate.objects.current().filter(enrolment_id=old.enrolment_id).exclude(pk=old.pk).exists():
            raise CannotChange(_("This enrolment already has another valid certificate."))
        old.replaced_at = timezone.now()
        old.save(update_fields=["replaced_at"])
        new = Certificate.objects.create(enrolment=old.enrolment, code=codes.generate(), **snapshot(old.enrolment))
        old.replaced_by = new
        old.save(update_fields=["replaced_by"])
        audit.record(old, audit.REISSUED, by=by, code=old.display_code, replacement=new.display_code)
        audit.record(new, audit.ISSUED, by=by, code=new.display_code, replaces=old.display_code)
        enqueue_on_commit(deliver_certificate, old.enrolment_id)
    return new


def missing():
    """Ids of completed enrolments whose certificate was never issued or never rendered (the sweep's work)."""
    never_issued = (
        Enrolment.objects.completed()
        .filter(course__isnull=False, user__erased_at__isnull=True, certificates__isnull=True)
        .values_list("pk", flat=True)
    )
    not_rendered = Certificate.objects.current().filter(rendered_at__isnull=True).values_list("enrolment_id", flat=True)
    return sorted(set(never_issued) | set(not_rendered))


def forget_holder(user, *, erased_by=None):
    """Personal data erased: revoke the person's certificates ("holder removed"), blank the name they print and the
    hash that identifies them in their credentials, and delete their PDFs. The codes stay, so a verification says
    the certificate is no longer valid."""
    files = []
    now = timezone.now()
    for certificate in Certificate.objects.select_for_update().for_holder(user):
        if certificate.is_current:
            certificate.revoked_at, certificate.revoked_reason = now, str(HOLDER_REMOVED)
            audit.record(
                certificate, audit.REVOKED, by=erased_by, code=certificate.display_code, reason=str(HOLDER_REMOVED)
            )
        if certificate.file:
            files.append(certificate.file.name)
        certificate.holder_name, certificate.body, certificate.file = "", "", ""
        certificate.save(update_fields=["revoked_at", "revoked_reason", "holder_name", "body", "file"])
    # Their credentials keep their status index (the bit now says revoked) but no longer identify them.
    Credential.objects.filter(certificate__enrolment__user=user).update(salt="", identity_hash="")
    delete_on_commit(Certificate._meta.get_field("file").storage, *files)
