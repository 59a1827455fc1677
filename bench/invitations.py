"""A list of officials at the largest size accepted (``cohorts.imports.MAX_ROWS``): time and queries of reading and
deciding it (the preview), of applying it and of emailing its invitations.

    createdb -h 127.0.0.1 -U postgres cocrea_invitations_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cocrea_invitations_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_report_data --officials 3000 --municipalities 3 --courses 2 --seed 2014
    .venv/bin/python bench/invitations.py        # writes bench/results/invitations.json

The list holds the existing accounts of the busiest municipality (enrolled at once) and new addresses up to the
limit (invited). Everything runs in one transaction that is rolled back, so the bench can run again; emails go to
Django's in-memory backend. The preview's queries do not grow with the list (accounts, enrolments and invitations
are read a thousand addresses at a time); applying writes invitations in batches and enrols each existing account
through ``courses.services.enrol`` (the reports' summaries follow each enrolment).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Municipality, User  # noqa: E402
from bench import results  # noqa: E402
from cohorts import imports, invitations  # noqa: E402
from cohorts.models import BulkImport, Cohort  # noqa: E402
from courses.models import CoursePage, Enrolment  # noqa: E402


def measured(step, function, rows):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        value = function()
        rows.append({"step": step, "seconds": round(time.perf_counter() - started, 3), "queries": len(queries)})
    return value


class Rollback(Exception):
    pass


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def main():
    rows, started = [], time.time()
    municipality = Municipality.objects.annotate(people=Count("users")).order_by("-people").first()
    course = CoursePage.objects.live().first()
    if municipality is None or course is None:
        sys.exit("No municipality or course: load the synthetic data first (see the docstring).")
    enrolled = set(Enrolment.objects.filter(course=course).values_list("user_id", flat=True))
    existing = [
        user.email
        for user in User.objects.confirmed_members()
        .filter(municipality=municipality)
        .exclude(pk__in=enrolled)[: imports.MAX_ROWS // 5]
    ]
    lines = ["nombres;apellidos;correo;cargo"]
    lines += [f"Persona;Existente;{email};Secplan" for email in existing]
    lines += [f"Persona;Nueva {n};nueva{n}@bench.cocrea.test;Tránsito" for n in range(imports.MAX_ROWS - len(existing))]
    content = "\r\n".join(lines).encode("utf-8")
    user = User.objects.filter(is_superuser=True).first() or User.objects.first()
    today = timezone.localdate()
    try:
        with transaction.atomic():
            cohort = Cohort.objects.create(
                title="Bench invitations", course=course, opens_on=today, closes_on=today + timezone.timedelta(days=30)
            )
            cohort.municipalities.set([municipality])
            parsed = measured("read", lambda: imports.read_upload(SimpleUploadedFile("lista.csv", content)), rows)
            bulk_import = measured(
                "preview",
                lambda: imports.create_preview(
                    parsed, cohort=cohort, municipality=municipality, user=user, source="lista.csv"
                ),
                rows,
            )
            imports.start(bulk_import.pk, queue=True)
            measured("apply", lambda: imports.apply(bulk_import.pk), rows)
            measured("emails", lambda: invitations.send_for_import(bulk_import.pk), rows)
            bulk_import = BulkImport.objects.get(pk=bulk_import.pk)
            outcome = {"rows": len(parsed.rows), "invited": bulk_import.invited, "enrolled": bulk_import.enrolled}
            outcome["sent"] = bulk_import.sent
            raise Rollback
    except Rollback:
        pass
    print(results.table(rows, ["step", "seconds", "queries"]))
    print(outcome)
    results.write(
        "invitations",
        dataset=outcome,
        server={"database": connection.vendor},
        rows=rows,
        notes=["A list of the largest size accepted: read, previewed, applied and emailed, then rolled back."],
        started=started,
    )


if __name__ == "__main__":
    main()
