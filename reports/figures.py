"""The figures reports show, each computed by the database in one query, from one of two sources:

- ``LiveFigures`` reads ``courses.Enrolment`` (filtered by anything: dates, position…). Enrolments carry their own
  progress (items done, percent, started, completed, last activity), kept up to date by ``courses.services``;
  nothing here reads the lesson completions.
- ``SummaryFigures`` reads the per municipality × course summaries (``reports.summary``), which answer reports
  filtered only by municipality, region or course in a few milliseconds whatever the number of enrolments.

Both give the same figures for the same records; the tests hold them to it.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .integrations import certificates_by_group

HALF_DONE = 50
#: An enrolment "half done" as the reports count it: at least ``HALF_DONE`` % of its required items, or completed.
IS_HALF_DONE = Q(progress_percent__gte=HALF_DONE) | Q(completed_at__isnull=False)
MUNICIPALITY, COURSE = "municipality", "course"


def is_half_done(progress_percent, completed_at):
    """``IS_HALF_DONE`` for one enrolment's figures, in memory."""
    return completed_at is not None or progress_percent >= HALF_DONE


@dataclass
class Counts:
    """How many enrolments, and how many of them started and completed, in one group."""

    enrolled: int = 0
    started: int = 0
    completed: int = 0
    certificates: int = 0  # current certificates issued (0 where the certificates app is not installed)

    @property
    def in_progress(self):
        return self.started - self.completed

    def add(self, other):
        self.enrolled += other.enrolled
        self.started += other.started
        self.completed += other.completed
        self.certificates += other.certificates


@dataclass
class Funnel:
    enrolled: int
    started: int
    half_done: int
    completed: int
    average_days_to_complete: float | None


def group_dict(rows, width):
    return {(row[0] if width == 1 else tuple(row[:width])): Counts(*row[width:]) for row in rows}


class LiveFigures:
    """Figures counted from enrolments (already limited to the scope and the filters)."""

    FIELDS = {MUNICIPALITY: "user__municipality_id", COURSE: "course_id"}

    def __init__(self, enrolments):
        self.enrolments = enrolments.order_by()

    def counts_by(self, *groups):
        """``{group: Counts}`` per municipality id, course id or (municipality id, course id)."""
        fields = [self.FIELDS[group] for group in groups]
        rows = self.enrolments.values_list(*fields).annotate(
            enrolled=Count("pk"), started=Count("started_at"), completed=Count("completed_at")
        )
        counts = group_dict(rows, len(fields))
        issued = certificates_by_group(self.enrolments, fields)
        for group, group_counts in counts.items():
            group_counts.certificates = issued.get(group, 0)
        return counts

    def funnel(self):
        """Enrolled → started → half done → completed, and the average time from start to completion."""
        duration = ExpressionWrapper(F("completed_at") - F("started_at"), output_field=DurationField())
        figures = self.enrolments.aggregate(
            enrolled=Count("pk"),
            started=Count("started_at"),
            half_done=Count("pk", filter=IS_HALF_DONE),
            completed=Count("completed_at"),
            average=Avg(duration, filter=Q(completed_at__isnull=False)),
        )
        average = figures.pop("average")
        return Funnel(**figures, average_days_to_complete=average.total_seconds() / 86400 if average else None)

    def completions_by_month(self, first, last):
        rows = (
            self.enrolments.filter(completed_at__date__gte=first, completed_at__date__lte=last)
            .annotate(month=TruncMonth("completed_at"))
            .values_list("month")
            .annotate(n=Count("pk"))
        )
        return {(month.year, month.month): n for month, n in rows}


class SummaryFigures:
    """Figures added up from the summaries (rows already limited to the scope and the filters)."""

    FIELDS = {MUNICIPALITY: "municipality_id", COURSE: "course_id"}

    def __init__(self, progress_rows, month_rows):
        self.rows = progress_rows.order_by()
        self.month_rows = month_rows.order_by()

    def counts_by(self, *groups):
        fields = [self.FIELDS[group] for group in groups]
        figures = ["enrolled", "started", "completed", "certificates"]
        if len(fields) == 2:  # one summary row per municipality and course already: nothing to add up
            rows = self.rows.values_list(*fields, *figures)
        else:
            rows = self.rows.values_list(*fields).annotate(**{figure: Sum(figure) for figure in figures})
        return group_dict(rows, len(fields))

    def funnel(self):
        figures = self.rows.aggregate(
            enrolled=Sum("enrolled"),
            started=Sum("started"),
            half_done=Sum("half_done"),
            completed=Sum("completed"),
            seconds=Sum("completion_seconds"),
        )
        seconds = figures.pop("seconds")
        figures = {name: value or 0 for name, value in figures.items()}
        average = seconds / figures["completed"] / 86400 if figures["completed"] else None
        return Funnel(**figures, average_days_to_complete=average)

    def completions_by_month(self, first, last):
        rows = (
            self.month_rows.filter(month__gte=first, month__lte=last).values_list("month").annotate(n=Sum("completed"))
        )
        return {(month.year, month.month): n for month, n in rows}


def months_until(until, months=12):
    """The first days of the ``months`` calendar months ending with ``until``'s month."""
    first = shift_month(date(until.year, until.month, 1), -(months - 1))
    return [shift_month(first, offset) for offset in range(months)]


def completions_by_month(source, until=None, months=12):
    """[(first day of month, completed enrolments)] for the months ending with ``until``'s (today's) month."""
    until = until or timezone.localdate()
    calendar = months_until(until, months)
    counted = source.completions_by_month(calendar[0], until)
    return [(month, counted.get((month.year, month.month), 0)) for month in calendar]


def shift_month(day, delta):
    index = day.year * 12 + day.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


def is_stalled(enrolment, days, now=None):
    """Not completed and no activity in the last ``days`` days."""
    now = now or timezone.now()
    return enrolment.completed_at is None and enrolment.last_activity_at < now - timezone.timedelta(days=days)


def stalled_filter(days, now=None):
    now = now or timezone.now()
    return Q(completed_at__isnull=True, last_activity_at__lt=now - timezone.timedelta(days=days))
