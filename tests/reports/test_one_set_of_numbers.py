"""One set of numbers: every page and every file counts the same records at the same moment.

The summaries the overview and the course funnel read are kept current by the writes themselves (no rebuild, no
periodic task), so random histories written through the services must show the same counts on the overview, the
municipality view, the course funnel and both export formats as a count of the records themselves.
"""

from collections import Counter

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Municipality
from accounts.roles import OFFICIAL
from certificates import services as certificate_services
from certificates.models import Certificate
from courses import services
from courses.models import Enrolment
from tests.courses.factories import build_course, lessons_of
from tests.factories import UserFactory

from .pages import csv_rows, export, screen_rows, soup, xlsx_rows

pytestmark = pytest.mark.django_db

CODES = ["08110", "08102", "08107"]  # Talcahuano, Coronel, Penco
LESSONS = 3

histories = st.lists(
    st.tuples(
        st.sampled_from(CODES),
        st.lists(st.tuples(st.integers(0, 1), st.integers(0, LESSONS), st.booleans()), max_size=2),
    ),
    min_size=1,
    max_size=7,
)


def live(histories, courses):
    """Each person enrols in some courses and completes some lessons, through the services; a completed course's
    certificate is issued, and some are revoked."""
    municipalities = Municipality.objects.in_bulk(CODES, field_name="code")
    for code, plan in histories:
        person = UserFactory(role=OFFICIAL, municipality=municipalities[code])
        for course_index, done, revoke in {index: (index, d, r) for index, d, r in plan}.values():
            course = courses[course_index]
            services.enrol(person, course)
            for lesson in lessons_of(course)[:done]:
                services.complete_item(person, lesson)
            enrolment = Enrolment.objects.get(user=person, course=course)
            if enrolment.completed_at:
                certificate = certificate_services.issue(enrolment.pk)
                if revoke:
                    certificate_services.revoke(certificate, "Prueba")


def counted():
    """The figures counted from the records: per municipality (enrolled, completed, certificates) and per course."""
    enrolments = list(Enrolment.objects.filter(user__municipality__isnull=False).select_related("user__municipality"))
    current = set(Certificate.objects.current().values_list("enrolment_id", flat=True))
    by_municipality, by_course = Counter(), Counter()
    for enrolment in enrolments:
        name = enrolment.user.municipality.name
        happened = {"enrolled": True, "started": enrolment.started_at, "completed": enrolment.completed_at}
        for key in (key for key, value in happened.items() if value):
            by_municipality[(name, key)] += 1
            by_course[(enrolment.course_id, key)] += 1
        if enrolment.pk in current:
            by_municipality[(name, "certificates")] += 1
    return by_municipality, by_course


def number(text):
    return int(text.removesuffix("*").strip() or 0)


@pytest.fixture
def courses(db):
    return [build_course(modules=1, lessons=LESSONS, title=f"Curso {n}") for n in (1, 2)]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories=histories)
def test_every_page_and_file_counts_the_same_records(client, ministry, courses, histories):
    with transaction.atomic():
        live(histories, courses)
        by_municipality, by_course = counted()
        client.force_login(ministry)

        overview = screen_rows(soup(client.get("/reportes/general/?region=08")), "comunas")
        for code in CODES:
            name = Municipality.objects.get(code=code).name
            row = overview[name]  # enrolled, in progress, completed, rate, certificates
            assert (number(row[0]), number(row[2]), number(row[4])) == tuple(
                by_municipality[(name, key)] for key in ("enrolled", "completed", "certificates")
            ), name
            page = soup(client.get(f"/reportes/comunas/{code}/"))
            figures = [item.get_text(" ", strip=True) for item in page.select(".report-figures li")]
            assert number(figures[1].split()[0]) == by_municipality[(name, "enrolled")]
            assert number(figures[2].split()[0]) == by_municipality[(name, "completed")]

        for course in courses:
            funnel = screen_rows(soup(client.get(f"/reportes/cursos/{course.pk}/")), "embudo")
            assert [number(funnel[stage][0]) for stage in ("Inscritos", "Comenzaron", "Completados")] == [
                by_course[(course.pk, key)] for key in ("enrolled", "started", "completed")
            ]

        csv_table = csv_rows(export(client, "general", "comunas", "csv", query="region=08").content)
        xlsx_table = xlsx_rows(export(client, "general", "comunas", "xlsx", query="region=08").content)
        for table in (csv_table, [[str(value) for value in row] for row in xlsx_table]):  # "" for no figure
            rows = {row[0]: row for row in table[1:] if row}
            for code in CODES:
                name = Municipality.objects.get(code=code).name
                assert [int(rows[name][index] or 0) for index in (1, 3, 5)] == [
                    by_municipality[(name, key)] for key in ("enrolled", "completed", "certificates")
                ], name
        transaction.set_rollback(True)


def test_the_overview_is_current_after_each_write_without_a_rebuild(client, ministry, courses, talcahuano, coronel):
    """No periodic task: a completion, a certificate revoked, a person moving to another comuna and a course
    deleted show on the next page view."""
    client.force_login(ministry)
    person = UserFactory(role=OFFICIAL, municipality=talcahuano)

    def talcahuano_and_coronel():
        rows = screen_rows(soup(client.get("/reportes/general/?region=08")), "comunas")
        return [number(rows["Talcahuano"][index]) for index in (0, 2, 4)], [number(rows["Coronel"][0])]

    services.enrol(person, courses[0])
    assert talcahuano_and_coronel() == ([1, 0, 0], [0])
    for lesson in lessons_of(courses[0]):
        services.complete_item(person, lesson)
    certificate = certificate_services.issue(Enrolment.objects.get(user=person).pk)
    assert talcahuano_and_coronel() == ([1, 1, 1], [0])
    months = screen_rows(soup(client.get("/reportes/general/")), "meses")
    assert sum(int(value[0]) for value in months.values()) == 1
    certificate_services.revoke(certificate, "Prueba")
    assert talcahuano_and_coronel() == ([1, 1, 0], [0])
    person.municipality = coronel
    person.save()
    assert talcahuano_and_coronel() == ([0, 0, 0], [1])
    with transaction.atomic():  # a course deleted: its completions leave every total (rebuilt at commit)
        courses[0].delete()
    assert talcahuano_and_coronel() == ([0, 0, 0], [0])
