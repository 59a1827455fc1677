"""Each report runs a fixed number of queries, whatever the number of officials, enrolments or municipalities."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import OFFICIAL
from reports import summary
from tests.courses.factories import build_course
from tests.factories import UserFactory

from .conftest import follow
from .pages import export

pytestmark = pytest.mark.django_db


def grow(known, coronel, talcahuano):
    """Twelve more officials, in both comunas, in three courses (one new)."""
    course_c = build_course(modules=1, lessons=1, title="Curso C", trainers=[known.trainer_a])
    for number in range(12):
        person = UserFactory(role=OFFICIAL, municipality=coronel if number % 2 else talcahuano)
        for course in (known.course_a, known.course_b, course_c):
            follow(person, course, number % 3, started=5)


def queries(client, url, method="get", data=None):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200, url
    return len(captured)


def views(known, ministry, coordinator):
    course = f"/reportes/cursos/{known.course_a.pk}/"
    return [
        (ministry, "/reportes/general/", None),
        (ministry, "/reportes/general/?comuna=08110", None),
        (ministry, f"/reportes/general/?curso={known.course_a.pk}&cargo=tr%C3%A1nsito", None),
        (ministry, "/reportes/comunas/08110/", None),
        (coordinator, "/reportes/comunas/08110/?dias=7&estancados=on", None),
        (ministry, course, None),
        (known.trainer_a, course + "?comuna=08110", None),
        (coordinator, course, None),
        (ministry, "/reportes/exportar/", {"report": "general", "subject": "", "table": "matriz", "format": "xlsx"}),
        (
            coordinator,
            "/reportes/exportar/",
            {"report": "municipio", "subject": "08110", "table": "funcionarios", "format": "csv"},
        ),
    ]


@pytest.mark.parametrize("summaries", [False, True])
def test_query_count_does_not_grow_with_the_data(client, known, ministry, coordinator, coronel, talcahuano, summaries):
    def counts():
        if summaries:
            summary.refresh()
        measured = []
        for user, url, data in views(known, ministry, coordinator):
            client.force_login(user)
            queries(client, url, "post" if data else "get", data)  # warm caches (content types, site)
            measured.append(queries(client, url, "post" if data else "get", data))
        return measured

    before = counts()
    grow(known, coronel, talcahuano)
    assert counts() == before


def test_query_counts_are_pinned(client, known, ministry, coordinator, django_assert_max_num_queries):
    summary.refresh()
    client.force_login(ministry)
    client.get("/reportes/general/")  # warm caches (content types, site)
    # Session, user, permissions (2); the one-moment transaction (2: here a savepoint and its release);
    # municipalities, summary cells, courses, months; the filter form's municipalities (its courses are kept with the
    # published site: reports.filters.every_course); Wagtail's user bar (2); the applied practices by municipality
    # and by method (2).
    with django_assert_max_num_queries(15):
        client.get("/reportes/general/")
    # … funnel, by municipality, their names, quiz pass rates.
    with django_assert_max_num_queries(13):
        client.get(f"/reportes/cursos/{known.course_a.pk}/")
    client.force_login(coordinator)
    # … summary figures (which count the table's rows too: the paginator does not count them again), a page of
    # enrolments, their quiz results and certificates, the people waiting for the municipality to confirm them;
    # the applied practices by municipality and by method (2); the cohorts the filter offers.
    with django_assert_max_num_queries(14):
        client.get("/reportes/comunas/08110/")
    with django_assert_max_num_queries(11):
        export(client, "municipio", "funcionarios", subject="08110")
