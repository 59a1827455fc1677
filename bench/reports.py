"""Median server time and query count of every report view and export, on the synthetic data set.

    createdb -h 127.0.0.1 -U postgres cocrea_reports_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cocrea_reports_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_report_data --officials 100000 --municipalities 345 --courses 30 --seed 2014
    .venv/bin/python bench/reports.py            # writes bench/results/reports.json

Each request runs in-process through the whole Django stack (middleware, sessions, templates) with Django's test
client, signed in as the role that uses the view; the figure is the median of ``--runs`` requests after two
warm-ups. The script also checks that no report query reads the lesson completions table, and prints the plan of
the slowest query of each view (EXPLAIN ANALYZE) so that a sequential scan shows.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.results import dumps  # noqa: E402
from courses.models import CoursePage  # noqa: E402
from reports.synthetic import EMAIL_DOMAIN  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "reports.json"


def client_for(email):
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email=email))
    return client


def measure(client, method, url, data, runs):
    send = getattr(client, method)
    for _warm_up in range(2):
        response = send(url, data)
        assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _run in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = send(url, data)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    sql = [query["sql"] for query in queries.captured_queries]
    return statistics.median(timings), sql


def slowest_plan(sql):
    """EXPLAIN ANALYZE of the slowest SELECT among ``sql``: (time in ms, plan lines)."""
    slowest = (0, [])
    with connection.cursor() as cursor:
        for statement in sql:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT TEXT) " + statement)
            plan = [row[0] for row in cursor.fetchall()]
            took = float(plan[-1].split(":")[1].split()[0])
            if took > slowest[0]:
                slowest = (took, plan)
    return slowest


def cases():
    course = CoursePage.objects.filter(slug="curso-sintetico-01").get()
    coordinator = User.objects.select_related("municipality").get(email=f"coordinacion@{EMAIL_DOMAIN}")
    code = coordinator.municipality.code
    ministry = f"ministerio@{EMAIL_DOMAIN}"
    trainer = f"formacion@{EMAIL_DOMAIN}"
    overview, municipality, course_url = (
        "/reportes/general/",
        f"/reportes/comunas/{code}/",
        f"/reportes/cursos/{course.pk}/",
    )
    export = "/reportes/exportar/"

    def export_of(report, subject, table, fmt, query=""):
        return {"report": report, "subject": subject, "table": table, "format": fmt, "query": query}

    return [
        ("overview", ministry, "get", overview, {}),
        ("overview, one municipality", ministry, "get", overview, {"comuna": code}),
        ("overview, one course", ministry, "get", overview, {"curso": course.pk}),
        ("municipality (ministry)", ministry, "get", municipality, {}),
        ("municipality (coordinator)", coordinator.email, "get", municipality, {}),
        ("municipality, one course", coordinator.email, "get", municipality, {"curso": course.pk}),
        ("course (ministry)", ministry, "get", course_url, {}),
        ("course (trainer)", trainer, "get", course_url, {}),
        ("course, one municipality", ministry, "get", course_url, {"comuna": code}),
        ("export overview matrix CSV", ministry, "post", export, export_of("general", "", "matriz", "csv")),
        ("export overview matrix XLSX", ministry, "post", export, export_of("general", "", "matriz", "xlsx")),
        ("export by municipality CSV", ministry, "post", export, export_of("general", "", "comunas", "csv")),
        ("export months XLSX", ministry, "post", export, export_of("general", "", "meses", "xlsx")),
        (
            "export officials CSV",
            coordinator.email,
            "post",
            export,
            export_of("municipio", code, "funcionarios", "csv"),
        ),
        (
            "export officials XLSX",
            coordinator.email,
            "post",
            export,
            export_of("municipio", code, "funcionarios", "xlsx"),
        ),
        ("export course funnel CSV", trainer, "post", export, export_of("curso", str(course.pk), "embudo", "csv")),
        (
            "export course by municipality XLSX",
            ministry,
            "post",
            export,
            export_of("curso", str(course.pk), "comunas", "xlsx"),
        ),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--plans", action="store_true", help="print the plan of each view's slowest query")
    options = parser.parse_args()
    settings.DEBUG = False
    settings.REPORTS_INLINE_EXPORT_ROWS = 10**9  # measure exports built in the request
    results = {}
    for name, email, method, url, data in cases():
        median, sql = measure(client_for(email), method, url, data, options.runs)
        reads_completions = any("courses_completion" in statement for statement in sql)
        took, plan = slowest_plan(sql)
        results[name] = {
            "median_ms": round(median, 1),
            "queries": len(sql),
            "reads_completions": reads_completions,
            "slowest_query_ms": took,
            "seq_scans": sorted({line.split("Seq Scan on ")[1].split()[0] for line in plan if "Seq Scan on" in line}),
        }
        scans = results[name]["seq_scans"]
        print(f"{name:40} {median:7.1f} ms  {len(sql):3} queries  slowest query {took:6.1f} ms  {scans}")
        if options.plans:
            print("\n".join("    " + line for line in plan))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(dumps(results))


if __name__ == "__main__":
    main()
