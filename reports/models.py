"""Exports built in the background: who asked for which report table, how far along it is, and the file."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportExport(models.Model):
    """A large export of one report table, built by ``reports.tasks.build_export`` and downloaded by its owner.

    The request is kept as asked (report, subject, table, filters as a query string) and rebuilt with the owner's
    scope when the task runs, so a person who lost access gets nothing. Files name people: they are deleted
    after ``REPORT_EXPORT_DAYS`` and whenever someone's personal data is erased.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX (Excel)"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    report = models.CharField(_("report"), max_length=20)
    subject = models.CharField(_("subject"), max_length=20, blank=True, help_text=_("Municipality code or course id."))
    table = models.CharField(_("table"), max_length=20)
    query = models.TextField(_("filters"), blank=True, max_length=2000)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    rows_total = models.PositiveIntegerField(_("rows to write"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to="reportes/", blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="report_export_by_owner")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rows_done__lte=models.F("rows_total")), name="export_done_le_total"
            )
        ]

    def __str__(self):
        return f"{self.report} · {self.table} · {self.get_format_display()}"

    @property
    def percent(self):
        return self.rows_done * 100 // self.rows_total if self.rows_total else 0
