"""The reminder "certificate ready and not downloaded", for the people of an open cohort who completed its course.

Due once the certificate's PDF has been ready for ``WAIT`` (its holder was emailed when it was issued) and its
holder never downloaded it (``Certificate.downloaded_at``, set by the first download). Once per certificate (the
period names it, so a re-issued certificate may be reminded again). It is one ``Rule`` of the evaluator
(``cohorts.reminders.RULES``), recorded under the same rules as the others: unique key, quiet hours, at most one
reminder a day per person; a reminder still waiting is cancelled if the certificate was downloaded, revoked or
replaced in between.
"""

import datetime

from django.db.models import CharField, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat

from certificates.models import Certificate

from .models import Kind

WAIT = datetime.timedelta(days=3)
PERIOD_PREFIX = "certificate-"


def waiting_certificates(now):
    """Current certificates whose PDF is ready since ``WAIT`` or longer and that their holder never downloaded."""
    return Certificate.objects.current().filter(rendered_at__lte=now - WAIT, downloaded_at__isnull=True)


def due(cohort, now, today):
    """The rule's condition on a cohort's enrolments: completed, with a certificate waiting to be downloaded."""
    return Q(Exists(waiting_certificates(now).filter(enrolment=OuterRef("pk"))), completed_at__isnull=False)


def period(cohort):
    """``certificate-<id>`` of the enrolment's current certificate (there is at most one: a database constraint)."""
    current = Certificate.objects.current().filter(enrolment=OuterRef("pk")).order_by().values("pk")[:1]
    return Concat(Value(PERIOD_PREFIX), Cast(Subquery(current), CharField()), output_field=CharField())


def still_due(reminders):
    """The ids of the certificate reminders among ``reminders`` whose certificate still waits (one query, none
    without such reminders)."""
    ids = {
        int(r.period.removeprefix(PERIOD_PREFIX)): r.pk
        for r in reminders
        if r.kind == Kind.CERTIFICATE and r.period.removeprefix(PERIOD_PREFIX).isdigit()
    }
    if not ids:
        return set()
    certificates = Certificate.objects.current().filter(pk__in=ids, downloaded_at__isnull=True)
    return {ids[pk] for pk in certificates.values_list("pk", flat=True)}
