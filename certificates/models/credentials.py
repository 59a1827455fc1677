"""The verifiable credential of each certificate, and the status lists that tell verifiers which were revoked.

A certificate gets its credential the first time it is asked for: a place in a status list (an index chosen at
random, so neighbouring indexes say nothing about who was certified together) and the salted hash of the holder's
email that identifies them without showing it, with what the credential says about the course (its address and
description) as it was then: the credential, like the certificate, is a snapshot that signs the same every time.
A re-issued certificate is a new certificate, so it gets a new credential with a new index; the old one's bit shows
it is no longer valid. The bits themselves are not stored: they are read from the certificates' status when the
list is served, so revoking flips the bit at once.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LIST_SIZE = 131_072  # 16 KB of bits: the Bitstring Status List's minimum, for herd privacy


class StatusList(models.Model):
    """One Bitstring Status List (revocation) of ``size`` entries, served at ``/certificados/estado/<id>/``."""

    size = models.PositiveIntegerField(_("entries"), default=LIST_SIZE)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("credential status list")
        verbose_name_plural = _("credential status lists")
        constraints = [models.CheckConstraint(condition=Q(size__gte=LIST_SIZE), name="status_list_minimum_size")]

    def __str__(self):
        return f"{self.pk}"


class Credential(models.Model):
    """A certificate's Open Badges credential: where its revocation bit is, and how its holder is identified."""

    certificate = models.OneToOneField(
        "certificates.Certificate", verbose_name=_("certificate"), on_delete=models.CASCADE, related_name="credential"
    )
    status_list = models.ForeignKey(
        StatusList, verbose_name=_("status list"), on_delete=models.PROTECT, related_name="credentials"
    )
    status_index = models.PositiveIntegerField(_("index in the status list"))
    achievement_id = models.CharField(_("achievement identifier"), max_length=500)
    achievement_description = models.TextField(_("achievement description"), blank=True)
    salt = models.CharField(_("salt"), max_length=32, blank=True)
    identity_hash = models.CharField(_("identity hash"), max_length=80, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)

    class Meta:
        verbose_name = _("verifiable credential")
        verbose_name_plural = _("verifiable credentials")
        constraints = [
            models.UniqueConstraint(fields=["status_list", "status_index"], name="credential_one_per_status_index"),
        ]

    def __str__(self):
        return f"{self.certificate_id} → {self.status_list_id}#{self.status_index}"
