"""A cohort's progress, per municipality and per person, read from the enrolments (like every report figure).

"Stalled" here is the reminders' rule: started, not completed, and no activity in ``STALLED_DAYS`` days.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Municipality
from reports import integrations
from reports.scope import counted_enrolments

STALLED_DAYS = 14


def stalled_q(now):
    return Q(
        started_at__isnull=False, completed_at__isnull=True, last_activity_at__lt=now - timedelta(days=STALLED_DAYS)
    )


def cohort_enrolments(cohort, municipality_ids):
    """The counted enrolments of the cohort in those municipalities."""
    return counted_enrolments().filter(cohort.enrolment_filter(municipality_ids))


@dataclass
class MunicipalityRow:
    municipality: Municipality
    target: int | None
    enrolled: int = 0
    started: int = 0
    stalled: int = 0
    completed: int = 0
    certificates: int = 0

    @property
    def missing(self):
        """How many more enrolments the target asks for (None without a target)."""
        if self.target is None:
            return None
        return max(self.target - self.enrolled, 0)


def by_municipality(cohort, municipality_ids, now=None):
    """One row per municipality, in two queries (the counts, then the certificates) plus the municipalities."""
    now = now or timezone.now()
    enrolments = cohort_enrolments(cohort, municipality_ids)
    counts = {
        row["user__municipality_id"]: row
        for row in enrolments.order_by()
        .values("user__municipality_id")
        .annotate(
            enrolled=Count("pk"),
            started=Count("pk", filter=Q(started_at__isnull=False)),
            stalled=Count("pk", filter=stalled_q(now)),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
        )
    }
    certificates = integrations.certificates_by_group(enrolments, ["user__municipality_id"]) or {}
    rows = []
    for municipality in Municipality.objects.filter(pk__in=municipality_ids).order_by("name"):
        figures = counts.get(municipality.pk, {})
        rows.append(
            MunicipalityRow(
                municipality,
                cohort.target_per_municipality,
                enrolled=figures.get("enrolled", 0),
                started=figures.get("started", 0),
                stalled=figures.get("stalled", 0),
                completed=figures.get("completed", 0),
                certificates=certificates.get(municipality.pk, 0),
            )
        )
    return rows


def totals(rows):
    total = MunicipalityRow(None, None)
    for row in rows:
        for name in ("enrolled", "started", "stalled", "completed", "certificates"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        if row.target is not None:
            total.target = (total.target or 0) + row.target
    return total


def people(cohort, municipality_ids, stalled_only=False, now=None):
    """The cohort's enrolments with their person and municipality, by name (a queryset: the page pages it)."""
    now = now or timezone.now()
    enrolments = cohort_enrolments(cohort, municipality_ids).select_related("user__municipality")
    if stalled_only:
        enrolments = enrolments.filter(stalled_q(now))
    return enrolments.order_by("user__municipality__name", "user__last_name", "user__first_name", "pk")


def state_of(enrolment, now=None):
    """What the cohort page says of one person: completed, stalled, started or enrolled."""
    now = now or timezone.now()
    if enrolment.completed_at:
        return "completed"
    if enrolment.started_at is None:
        return "enrolled"
    if enrolment.last_activity_at < now - timedelta(days=STALLED_DAYS):
        return "stalled"
    return "started"
