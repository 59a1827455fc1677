"""The summaries behind reports without date or position filters, kept current from the enrolments.

A report of everything adds up at most ten thousand summary rows instead of every enrolment. The summaries are
never behind: every write that changes a figure (an enrolment saved, a course started or completed, progress
recounted, a certificate issued or revoked, a person's municipality changed) recounts the cells it touched in the
same transaction (``refresh_cells``, called by ``reports.receivers``), so they commit, or roll back, together with
the records. A cell is one municipality and one course: recounting it reads that cell's enrolments. The most
frequent change, a completed lesson that starts an enrolment or takes it past half way, is added to its cell
instead (``add_to_cell``): one statement, whatever the number of the cell's enrolments.

``refresh`` rebuilds everything from scratch (about a third of a second at 300,000 enrolments on PostgreSQL): after
bulk loads that bypass the models (``generate_report_data``) and as a nightly check (``CELERY_BEAT_SCHEDULE``).
Reports filtered by date or position, which the summaries cannot answer, read the enrolments directly: both
sources show the same records at the same moment.
"""

from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.models import User, confirmed_member

from .figures import IS_HALF_DONE
from .integrations import certificates_by_group
from .models import MonthlyCompletions, ProgressSummary, SummaryState
from .scope import counted_enrolments

BATCH = 5000


def cell_figures(enrolments):
    """Per (municipality id, course id) of ``enrolments``: the ``ProgressSummary`` figures, and the completions
    per (municipality id, course id, month)."""
    enrolments = enrolments.order_by()
    duration = ExpressionWrapper(F("completed_at") - F("started_at"), output_field=DurationField())
    cells = enrolments.values_list("user__municipality_id", "course_id").annotate(
        enrolled=Count("pk"),
        started=Count("started_at"),
        half_done=Count("pk", filter=IS_HALF_DONE),
        completed=Count("completed_at"),
        completion=Sum(duration, filter=Q(completed_at__isnull=False)),
    )
    months = (
        enrolments.filter(completed_at__isnull=False)
        .annotate(month=TruncMonth("completed_at"))
        .values_list("user__municipality_id", "course_id", "month")
        .annotate(completed=Count("pk"))
    )
    return cells, months


def summary_rows(cells, certificates):
    return [
        ProgressSummary(
            municipality_id=municipality_id,
            course_id=course_id,
            enrolled=enrolled,
            started=started,
            half_done=half_done,
            completed=completed,
            certificates=certificates.get((municipality_id, course_id), 0),
            completion_seconds=int(completion.total_seconds()) if completion else 0,
        )
        for municipality_id, course_id, enrolled, started, half_done, completed, completion in cells
    ]


def refresh():
    """Rebuild both summaries in one transaction (readers see the old or the new figures, never a mix)."""
    enrolments = counted_enrolments().order_by()
    cells, months = cell_figures(enrolments)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Readers keep seeing the previous figures until the commit; writers wait for this rebuild.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"LOCK TABLE {ProgressSummary._meta.db_table}, {MonthlyCompletions._meta.db_table} "
                    "IN SHARE ROW EXCLUSIVE MODE"
                )
        ProgressSummary.objects.all().delete()
        MonthlyCompletions.objects.all().delete()
        certificates = certificates_by_group(enrolments, ["user__municipality_id", "course_id"])
        ProgressSummary.objects.bulk_create(summary_rows(cells, certificates), batch_size=BATCH)
        MonthlyCompletions.objects.bulk_create(monthly_rows(months), batch_size=BATCH)
        now = timezone.now()
        SummaryState.objects.update_or_create(pk=1, defaults={"refreshed_at": now})
    return now


SUMMARY_FIGURES = ["enrolled", "started", "half_done", "completed", "completion_seconds"]


def refresh_cells(course_id, municipality_ids=None, *, months=True, certificates=True):
    """Recount one course's cells in the given municipalities (every municipality when None), in the caller's
    transaction. A write that cannot have changed completions or certificates (progress saved on the way) says
    so (``months=False``, ``certificates=False``) and costs three queries.

    Writers of the same course wait for each other (a transaction-long lock on PostgreSQL), so each recount
    reads every earlier commit and none is lost. The monthly totals (per municipality, per course, overall) move
    by the difference between the cells' old and new months.
    """
    with transaction.atomic():
        lock(course_id)
        enrolments = counted_enrolments().filter(course_id=course_id)
        kept = ProgressSummary.objects.filter(course_id=course_id)
        kept_months = MonthlyCompletions.objects.filter(course_id=course_id, municipality__isnull=False)
        if municipality_ids is not None:
            municipality_ids = [pk for pk in municipality_ids if pk is not None]
            if not municipality_ids:
                return
            enrolments = enrolments.filter(user__municipality_id__in=municipality_ids)
            kept = kept.filter(municipality_id__in=municipality_ids)
            kept_months = kept_months.filter(municipality_id__in=municipality_ids)
        cells, month_figures = cell_figures(enrolments)
        issued = {}
        if certificates:
            issued = certificates_by_group(enrolments.order_by(), ["user__municipality_id", "course_id"])
        rows = summary_rows(cells, issued)
        ProgressSummary.objects.bulk_create(
            rows,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["course", "municipality"],
            update_fields=SUMMARY_FIGURES + (["certificates"] if certificates else []),
        )
        present = [row.municipality_id for row in rows]
        if municipality_ids is None or set(municipality_ids) - set(present):
            kept.exclude(municipality_id__in=present).delete()  # cells left with no one counted
        if not months:
            return
        change = defaultdict(int)
        for municipality_id, month, completed in kept_months.values_list("municipality_id", "month", "completed"):
            change[(municipality_id, month)] -= completed
        kept_months.delete()
        new_months = []
        for municipality_id, _course_id, month, completed in month_figures:
            month = month_start(month)
            change[(municipality_id, month)] += completed
            new_months.append(
                MonthlyCompletions(
                    municipality_id=municipality_id, course_id=course_id, month=month, completed=completed
                )
            )
        MonthlyCompletions.objects.bulk_create(new_months, batch_size=BATCH)
        totals = defaultdict(int)
        for (municipality_id, month), delta in change.items():
            for key in ((municipality_id, None, month), (None, course_id, month), (None, None, month)):
                totals[key] += delta
        for (municipality_id, total_course_id, month), delta in sorted(totals.items(), key=total_order):
            if delta:
                add_to_total(municipality_id, total_course_id, month, delta)


def add_to_cell(course_id, user_id, **differences):
    """Add ``differences`` (figure → how much it moves) to the cell of ``user_id``'s enrolment in ``course_id``,
    in the caller's transaction, which wrote that enrolment. Returns whether there was such a cell to add to: a
    counted person's, present; when there is none, nothing changed and the caller recounts.

    One statement instead of reading the cell's enrolments (hundreds in a large comuna's course). It waits for
    the course's lock as recounts do, and the enrolment's change becomes visible to them in the same commit as
    the difference: a recount either ran before and the difference adds to what it wrote, or counts the change
    itself and writes the cell whole.
    """
    lock(course_id)
    counted_in = User.objects.filter(confirmed_member(), pk=user_id).values("municipality_id")
    cell = ProgressSummary.objects.filter(course_id=course_id, municipality_id=Subquery(counted_in))
    return bool(cell.update(**{figure: F(figure) + difference for figure, difference in differences.items()}))


def total_order(item):
    """Totals are updated in one order by every writer, so two writers never wait on each other's rows."""
    (municipality_id, course_id, month), _delta = item
    return (municipality_id or 0, course_id or 0, month)


def add_to_total(municipality_id, course_id, month, delta):
    rows = MonthlyCompletions.objects.filter(municipality_id=municipality_id, course_id=course_id, month=month)
    if rows.update(completed=F("completed") + delta):
        return
    lock(0)  # a missing total is made once: writers that find it missing take turns
    if not rows.update(completed=F("completed") + delta):
        MonthlyCompletions.objects.create(
            municipality_id=municipality_id, course_id=course_id, month=month, completed=max(delta, 0)
        )


#: The namespace of the summaries' advisory locks (any constant the site uses for nothing else).
LOCK_NAMESPACE = 1407


def lock(key):
    """Wait for, then hold until the transaction ends, the summaries' lock ``key`` (a course id; 0 for the
    totals). PostgreSQL only: SQLite lets one writer at a time anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, key])


def monthly_rows(months):
    """The completions per municipality, course and month, and their totals per municipality, per course and
    overall (``None`` for "every municipality" or "every course")."""
    totals = defaultdict(int)
    for municipality_id, course_id, month, completed in months:
        month = month_start(month)
        for key in (
            (municipality_id, course_id, month),
            (municipality_id, None, month),
            (None, course_id, month),
            (None, None, month),
        ):
            totals[key] += completed
    return (
        MonthlyCompletions(municipality_id=municipality_id, course_id=course_id, month=month, completed=completed)
        for (municipality_id, course_id, month), completed in totals.items()
    )


def month_start(value):
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.date().replace(day=1) if hasattr(value, "date") else value.replace(day=1)
