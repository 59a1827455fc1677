"""Each report runs a fixed number of queries, whatever the number of officials, enrolments or municipalities."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import OFFICIAL
from certificates import services as certificate_services
from quizzes.models import QuizResult
from reports import summary
from tests.courses.factories import build_course
from tests.factories import UserFactory

from .conftest import follow
from .pages import export, soup

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


def test_a_full_page_of_officials_runs_the_queries_of_one_row(client, known, coordinator, talcahuano):
    """Each row's quiz results and certificate are read with the page, not row by row: the officials table runs as
    many queries for a page of 50 officials, each with a certificate and a quiz result, as for one official."""
    url = "/reportes/comunas/08110/?cargo=Obras"
    client.force_login(coordinator)
    queries(client, url)  # warm caches (content types, site)
    one_row = queries(client, url)
    for number in range(60):
        person = UserFactory(role=OFFICIAL, municipality=talcahuano, position="Dirección de Obras")
        enrolment = follow(person, known.course_b, 2, started=3, completed=1)
        certificate_services.issue(enrolment.pk)
        QuizResult.objects.create(
            enrolment=enrolment,
            quiz=known.quiz,
            quiz_title=known.quiz.title,
            best_score_percent=50 + number % 50,
            passed=number % 2 == 0,
            attempts_used=1,
            last_attempt_at=enrolment.completed_at,
        )
    page = soup(client.get(url))
    assert len(page.find(id="table-funcionarios").find_parent("table").select("tbody tr")) == 50
    assert "Emitido el" in page.get_text() and "(aprobado)" in page.get_text()
    assert queries(client, url) == one_row
