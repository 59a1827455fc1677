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
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("The interface language it was asked in: it decides the CSV separators and the labels."),
    )
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


class ProgressSummary(models.Model):
    """Enrolment figures per municipality and course, so that reports without date or position filters add up a
    few thousand rows instead of every enrolment. Kept current by ``reports.summary.refresh_cells`` in the
    transaction of every write that changes a figure; ``reports.summary.refresh`` rebuilds it whole."""

    municipality = models.ForeignKey(
        "accounts.Municipality", verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="+", db_index=False
    )
    enrolled = models.PositiveIntegerField(_("enrolled"))
    started = models.PositiveIntegerField(_("started"))
    half_done = models.PositiveIntegerField(_("half done"))
    completed = models.PositiveIntegerField(_("completed"))
    certificates = models.PositiveIntegerField(_("certificates issued"), default=0)
    completion_seconds = models.BigIntegerField(
        _("time to complete (seconds, summed)"), help_text=_("From start to completion, over completed enrolments.")
    )

    class Meta:
        verbose_name = _("progress summary")
        verbose_name_plural = _("progress summaries")
        constraints = [
            models.UniqueConstraint(fields=["course", "municipality"], name="progress_summary_one_per_cell"),
        ]

    def __str__(self):
        return f"{self.municipality_id} · {self.course_id}: {self.completed}/{self.enrolled}"


class MonthlyCompletions(models.Model):
    """Enrolments completed per municipality, course and calendar month (the reports' line chart), plus the month
    totals: per municipality (no course), per course (no municipality) and overall (neither), so that a report
    of everything, of one municipality or of one course reads a dozen rows."""

    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("municipality"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # covered by the (municipality, course, month) index
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    completed = models.PositiveIntegerField(_("completed"))

    class Meta:
        verbose_name = _("monthly completions")
        verbose_name_plural = _("monthly completions")
        indexes = [
            models.Index(fields=["municipality", "course", "month"], name="monthly_completions_cell"),
            models.Index(fields=["course", "month"], name="monthly_completions_course"),
        ]

    def __str__(self):
        return f"{self.municipality_id} · {self.course_id} · {self.month:%Y-%m}: {self.completed}"


class SummaryState(models.Model):
    """One row: when the summaries were last rebuilt whole (they are kept current in between)."""

    refreshed_at = models.DateTimeField(_("refreshed at"))

    class Meta:
        verbose_name = _("summary state")
        verbose_name_plural = _("summary state")

    def __str__(self):
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
