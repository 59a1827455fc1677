"""Issued certificates and the ZIP archives of a course's certificates: learner records, never edited by hand.

A certificate is a snapshot of what was certified (holder, course, hours, completion date, municipality, and the
template's title, body and version at the time), so later edits to a name, a course or a template never change an
issued certificate. It stays *current* until it is revoked or replaced by a re-issue; the database holds at most
one current certificate per enrolment (a partial unique constraint), so two workers issuing at once cannot both
succeed. ``replaced_at`` is set before the replacement is inserted and ``replaced_by`` after, inside one
transaction, because a partial unique constraint cannot be deferred.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import codes
from ..storage import get_private_storage


class CertificateQuerySet(models.QuerySet):
    def current(self):
        """Valid certificates: neither revoked nor replaced."""
        return self.filter(revoked_at__isnull=True, replaced_at__isnull=True)

    def for_holder(self, user):
        return self.filter(enrolment__user=user)


class Status(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")
    REPLACED = "replaced", _("Replaced")


class Certificate(models.Model):
    """The certificate of one completed enrolment: its code, what it certifies, its PDF and its status."""

    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="certificates",
        db_index=False,  # covered by the (enrolment, issued_at) index
    )
    code = models.CharField(_("verification code"), max_length=codes.LENGTH, unique=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)

    # What was certified, as printed.
    holder_name = models.CharField(_("holder name"), max_length=300)
    course_title = models.CharField(_("course title"), max_length=255)
    hours = models.PositiveSmallIntegerField(_("hours"))
    completed_on = models.DateField(_("completion date"))
    municipality_name = models.CharField(_("municipality"), max_length=120, blank=True)
    issuer = models.CharField(_("issuer"), max_length=200)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("body text"))
    template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("template"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    template_version = models.PositiveIntegerField(_("template version"))

    # The PDF, made in the background.
    file = models.FileField(_("PDF"), storage=get_private_storage, upload_to="certificados/", blank=True)
    pages = models.PositiveSmallIntegerField(_("pages"), default=0)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    notified_at = models.DateTimeField(_("holder notified at"), null=True, blank=True)
    downloaded_at = models.DateTimeField(
        _("first downloaded at"), null=True, blank=True, help_text=_("When its holder first downloaded the PDF.")
    )

    # Status.
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(revoked_at__isnull=True, replaced_at__isnull=True),
                name="certificate_one_current_per_enrolment",
            ),
            models.CheckConstraint(
                condition=Q(replaced_by__isnull=True) | Q(replaced_at__isnull=False),
                name="certificate_replaced_by_needs_replaced_at",
            ),
            models.CheckConstraint(condition=Q(code__regex=rf"^{codes.PATTERN}$"), name="certificate_code_format"),
        ]
        indexes = [
            models.Index(fields=["enrolment", "issued_at"], name="certificate_enrolment_issued"),
            # Reports and the reconciliation sweep look for certificates still without their PDF.
            models.Index(fields=["rendered_at"], name="certificate_rendered"),
        ]
        permissions = [
            ("manage_certificates", _("Can see every certificate, download, revoke and re-issue them")),
        ]

    def __str__(self):
        return f"{self.display_code} · {self.holder_name} · {self.course_title}"

    @property
    def display_code(self):
        return codes.display(self.code)

    @property
    def status(self):
        if self.replaced_at:
            return Status.REPLACED
        if self.revoked_at:
            return Status.REVOKED
        return Status.VALID

    @property
    def is_current(self):
        return self.status == Status.VALID

    @property
    def is_ready(self):
        return bool(self.file) and self.rendered_at is not None

    @property
    def pdf_url(self):
        return reverse("certificates:download", args=[self.code])

    @property
    def verification_url(self):
        return reverse("certificates:verification", args=[self.code])

    @property
    def filename(self):
        return f"certificado-{self.code}.pdf"


class CertificateArchive(models.Model):
    """A ZIP of every current certificate of a course, built in the background for ministry staff.

    One per course, rebuilt on request; ``fingerprint`` records which certificates it holds, so the download is
    offered only while it still matches the course's current certificates.
    """

    course = models.OneToOneField(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="certificate_archive"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    file = models.FileField(_("ZIP file"), storage=get_private_storage, upload_to="certificados/cursos/", blank=True)
    fingerprint = models.CharField(_("content fingerprint"), max_length=64, blank=True)
    certificates = models.PositiveIntegerField(_("certificates"), default=0)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate archive")
        verbose_name_plural = _("certificate archives")

    def __str__(self):
        return str(self.course)
