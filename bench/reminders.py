"""The reminder evaluator over the synthetic data set: time and queries of a run, per batch of people.

    createdb -h 127.0.0.1 -U postgres cocrea_reminders_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cocrea_reminders_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_report_data --officials 100000 --municipalities 345 --courses 30 --seed 2014
    .venv/bin/python bench/reminders.py          # writes bench/results/reminders.json

It opens one cohort per synthetic course for every municipality (the programme at its largest: every official's
every enrolment is in an open cohort; a third of the cohorts close within a week), then runs the evaluator at a
working hour: it records each reminder due (``send=False``: the decision and the recording are what grows with
the number of officials), then sends them through Django's in-memory email backend, and runs it again (which must
record nothing). Reported: the time of each step, the queries of the run, the batches, and the queries per batch
(target: under a minute for the run, a constant number of queries per batch).

The evaluator asks the database only for the people due (one query per cohort: reachable, awake, not reminded
today, a rule due and not yet recorded), so the second run's queries return nothing.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Municipality, User  # noqa: E402
from bench import results  # noqa: E402
from cohorts import reminders  # noqa: E402
from cohorts.models import Cohort, Reminder  # noqa: E402
from courses.models import CoursePage  # noqa: E402


def open_cohorts(today):
    """One cohort per course for every municipality; every third one closes within a week."""
    Reminder.objects.all().delete()
    Cohort.objects.filter(title__startswith="Bench ").delete()
    municipality_ids = list(Municipality.objects.values_list("pk", flat=True))
    cohorts = []
    for number, course in enumerate(CoursePage.objects.filter(slug__startswith="curso-sintetico").order_by("pk")):
        closes = today + datetime.timedelta(days=5 if number % 3 == 0 else 60)
        cohort = Cohort.objects.create(
            title=f"Bench {course.title}", course=course, opens_on=today - datetime.timedelta(days=90), closes_on=closes
        )
        cohort.municipalities.set(municipality_ids)
        cohorts.append(cohort)
    return cohorts, len(municipality_ids)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=int, default=reminders.BATCH_SIZE)
    parser.add_argument("--name", default="reminders")
    args = parser.parse_args()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A working hour in Santiago, whatever the time the benchmark runs.
    now = timezone.localtime().replace(hour=11, minute=0, second=0, microsecond=0)
    cohorts, municipalities = open_cohorts(now.date())
    officials = User.objects.confirmed_members().count()
    print(f"{officials} confirmed officials in {municipalities} comunas, {len(cohorts)} open cohorts")

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        outcome = reminders.evaluate(now=now, batch_size=args.batch_size, send=False)
        evaluate_seconds = time.perf_counter() - started
    queries = len(captured)
    reset_queries()
    started = time.perf_counter()
    sent = reminders.send_due(now)
    send_seconds = time.perf_counter() - started
    with CaptureQueriesContext(connection) as again:
        started = time.perf_counter()
        second = reminders.evaluate(now=now, batch_size=args.batch_size, send=False)
        second_seconds = time.perf_counter() - started

    # A run: the open cohorts, their municipalities, the time zones in use and the count of what was recorded (4),
    # then per cohort one query that returns only the people due, then per batch of them one insert (and the
    # BEGIN/COMMIT around it).
    per_batch = (queries - 4 - len(cohorts)) / max(outcome.batches, 1)
    rows = [
        {
            "step": "evaluate (record)",
            "seconds": round(evaluate_seconds, 2),
            "people due": outcome.people_seen,
            "recorded": outcome.recorded,
            "batches": outcome.batches,
            "queries": queries,
            "queries per batch": round(per_batch, 2),
        },
        {"step": "send", "seconds": round(send_seconds, 2), "sent": sent.sent, "cancelled": sent.cancelled},
        {
            "step": "evaluate again",
            "seconds": round(second_seconds, 2),
            "recorded": second.recorded,
            "queries": len(again),
        },
    ]
    print(results.table(rows, list({key: None for row in rows for key in row})))
    results.write(
        args.name,
        dataset={"officials": officials, "municipalities": municipalities, "cohorts": len(cohorts)},
        server={"database": connection.vendor, "batch_size": args.batch_size},
        rows=rows,
        notes=[
            "The evaluator's run over every enrolment of every open cohort; target: under a minute, "
            "a constant number of queries per batch.",
            "The second run must record nothing (the unique keys).",
        ],
    )
    assert second.recorded == 0, "the second run recorded reminders again"


if __name__ == "__main__":
    main()
