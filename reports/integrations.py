"""The figures that come from the quizzes and certificates apps: quiz best scores and pass rates (from
``quizzes.QuizResult``, one row per enrolment and quiz) and certificates issued (``certificates.Certificate``,
current ones only: neither revoked nor replaced).

Kept apart so that each is one query over the enrolments a report already selected. Both apps are part of the
project (reports cannot run without them), so no figure here is optional.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate
from certificates.models.records import Status
from quizzes.models import QuizResult


def certificates_by_group(enrolments, fields):
    """Current certificates per group of ``fields`` (enrolment fields, as ``LiveFigures.counts_by`` groups them).
    One query."""
    rows = (
        Certificate.objects.current()
        .filter(enrolment__in=enrolments.values("pk"))
        .order_by()
        .values_list(*(f"enrolment__{field}" for field in fields))
        .annotate(issued=Count("pk"))
    )
    width = len(fields)
    return {(row[0] if width == 1 else tuple(row[:width])): row[width] for row in rows}


def certificate_status_by_enrolment(enrolment_ids):
    """``{enrolment id: status}`` of each enrolment's latest certificate ("Issued on 3/10/2026", "Revoked"…).
    One query."""
    status = {}
    certificates = (
        Certificate.objects.filter(enrolment_id__in=enrolment_ids)
        .only("enrolment_id", "issued_at", "revoked_at", "replaced_at")
        .order_by("enrolment_id", "issued_at")
    )
    for certificate in certificates:
        if certificate.is_current:
            date = formats.date_format(timezone.localdate(certificate.issued_at), "SHORT_DATE_FORMAT")
            status[certificate.enrolment_id] = _("Issued on %(date)s") % {"date": date}
        elif certificate.enrolment_id not in status or certificate.revoked_at:
            status[certificate.enrolment_id] = str(Status(certificate.status).label)
    return status


def quiz_results_by_enrolment(enrolment_ids):
    """``{enrolment id: [(quiz title, best score %, passed)]}``. One query."""
    results = {}
    rows = (
        QuizResult.objects.filter(enrolment_id__in=enrolment_ids)
        .order_by("enrolment_id", "quiz_title")
        .values_list("enrolment_id", "quiz_title", "best_score_percent", "passed")
    )
    for enrolment_id, title, score, passed in rows:
        results.setdefault(enrolment_id, []).append((title, score, passed))
    return results


def quiz_pass_rates(enrolments, link=True):
    """Per quiz taken in ``enrolments``: (title, learners who attempted it, learners who passed it, the URL of its
    item analysis or ""). One query."""
    rows = (
        QuizResult.objects.filter(enrolment__in=enrolments.values("pk"), attempts_used__gt=0)
        .order_by()
        .values_list("quiz_id", "quiz_title")
        .annotate(attempted=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
        .order_by("quiz_title", "quiz_id")
    )
    return [
        (
            title,
            attempted,
            passed,
            reverse("quizzes:item_analysis", kwargs={"quiz_id": quiz_id}) if link and quiz_id else "",
        )
        for quiz_id, title, attempted, passed in rows
    ]
