"""The figures reports show, each computed by the database from ``courses.Enrolment`` in one query.

Enrolments carry their own progress (items done, percent, started, completed, last activity), kept up to date
by ``courses.services``; nothing here reads the lesson completions. Every function takes an enrolment queryset
already limited to the person's scope and filters, so the figures on screen and in exports are the same.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .integrations import certificates_by_group

HALF_DONE = 50


@dataclass
class Counts:
    """How many enrolments, and how many of them started and completed, in one group."""

    enrolled: int = 0
    started: int = 0
    completed: int = 0
    certificates: int | None = None

    @property
    def in_progress(self):
        return self.started - self.completed

    @property
    def completion_rate(self):
        return self.completed * 100 / self.enrolled if self.enrolled else None

    def add(self, other):
        self.enrolled += other.enrolled
        self.started += other.started
        self.completed += other.completed
        if other.certificates is not None:
            self.certificates = (self.certificates or 0) + other.certificates


def counts_by(enrolments, *fields):
    """``{group: Counts}`` for the given grouping fields (e.g. municipality and course), one query; plus the
    certificates issued per group when the certificates app is there (one more)."""
    rows = (
        enrolments.order_by()
        .values_list(*fields)
        .annotate(enrolled=Count("pk"), started=Count("started_at"), completed=Count("completed_at"))
    )
    width = len(fields)
    counts = {(row[0] if width == 1 else row[:width]): Counts(*row[width:]) for row in rows}
    issued = certificates_by_group(enrolments, fields)
    if issued is not None:
        for group, group_counts in counts.items():
            group_counts.certificates = issued.get(group, 0)
    return counts


def completions_by_month(enrolments, months=12, until=None):
    """Completed enrolments per calendar month, for the ``months`` months ending with ``until``'s month."""
    until = until or timezone.localdate()
    first = shift_month(date(until.year, until.month, 1), -(months - 1))
    rows = (
        enrolments.filter(completed_at__date__gte=first, completed_at__date__lte=until)
        .order_by()
        .annotate(month=TruncMonth("completed_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    by_month = {month_key(month): n for month, n in rows}
    return [(month, by_month.get((month.year, month.month), 0)) for month in month_range(first, months)]


def month_key(value):
    return (value.year, value.month)


def shift_month(day, delta):
    index = day.year * 12 + day.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


def month_range(first, months):
    return [shift_month(first, offset) for offset in range(months)]


@dataclass
class Funnel:
    enrolled: int
    started: int
    half_done: int
    completed: int
    average_days_to_complete: float | None


def funnel(enrolments):
    """Enrolled → started → half done → completed, and the average time from start to completion, one query."""
    duration = ExpressionWrapper(F("completed_at") - F("started_at"), output_field=DurationField())
    figures = enrolments.order_by().aggregate(
        enrolled=Count("pk"),
        started=Count("started_at"),
        half_done=Count("pk", filter=Q(progress_percent__gte=HALF_DONE) | Q(completed_at__isnull=False)),
        completed=Count("completed_at"),
        average=Avg(duration, filter=Q(completed_at__isnull=False)),
    )
    average = figures.pop("average")
    days = average.total_seconds() / 86400 if average is not None else None
    return Funnel(**figures, average_days_to_complete=days)


def is_stalled(enrolment, days, now=None):
    """Not completed and no activity in the last ``days`` days."""
    now = now or timezone.now()
    return enrolment.completed_at is None and enrolment.last_activity_at < now - timezone.timedelta(days=days)


def stalled_filter(days, now=None):
    now = now or timezone.now()
    return Q(completed_at__isnull=True, last_activity_at__lt=now - timezone.timedelta(days=days))
