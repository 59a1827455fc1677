"""What "Mi aprendizaje" keeps of cohorts and announcements (``cohorts.kept``): no query for them while nothing
changed, and every change (a new announcement, a cohort's new closing day or comunas, a deletion) shows on the next
request; an announcement leaves the page when it gets too old, with nothing changed; the time zone stays the
person's own."""

import datetime

import pytest
from bs4 import BeautifulSoup

from accounts.roles import OFFICIAL
from cohorts.announcements import SHOWN_FOR, visible_to
from cohorts.models import Announcement, Preferences, TimeZone
from tests.courses.factories import build_course
from tests.factories import UserFactory

from .factories import CohortFactory, in_course


@pytest.fixture
def course(site):
    return build_course(modules=1, lessons=2, title="Encuestas móviles y SMS")


@pytest.fixture
def cohort(course, talcahuano):
    return CohortFactory(
        course=course,
        municipalities=[talcahuano],
        title="Encuestas 2027",
        opens_on=datetime.date(2027, 4, 1),
        closes_on=datetime.date(2027, 6, 30),
    )


@pytest.fixture
def official(course, talcahuano):
    person = UserFactory(municipality=talcahuano, role=OFFICIAL)
    in_course(person, course, done=1)
    return person


def dashboard(client, person=None):
    if person is not None:
        client.force_login(person)
    page = BeautifulSoup(client.get("/mi-aprendizaje/").content, "html.parser")
    return {
        "deadlines": [item.get_text(" ", strip=True) for item in page.select(".deadlines__list li")],
        "announcements": [title.get_text(strip=True) for title in page.select(".announcement__title")],
    }


def test_deadlines_and_announcements_cost_one_query_while_nothing_changes(
    client, course, cohort, official, django_assert_num_queries
):
    Announcement.objects.create(course=course, cohort=cohort, title="Taller presencial", body="El jueves.")
    client.force_login(official)
    dashboard(client)
    # The session with its person, their enrolments, their time zone; the comuna's cohorts and announcements are
    # kept.
    with django_assert_num_queries(3):
        shown = dashboard(client)
    assert shown["announcements"] == ["Taller presencial"] and "Encuestas 2027" in shown["deadlines"][0]


def test_each_change_shows_on_the_next_request(client, course, cohort, official, coronel):
    client.force_login(official)
    assert dashboard(client)["announcements"] == []
    Announcement.objects.create(course=course, title="Bienvenida", body="Hola.")
    assert dashboard(client)["announcements"] == ["Bienvenida"]
    Announcement.objects.all().delete()
    assert dashboard(client)["announcements"] == []

    assert "30 de junio de 2027" in dashboard(client)["deadlines"][0]
    cohort.closes_on = datetime.date(2027, 7, 15)
    cohort.save()
    assert "15 de julio de 2027" in dashboard(client)["deadlines"][0]
    cohort.municipalities.set([coronel])
    assert dashboard(client)["deadlines"] == []
    cohort.municipalities.add(official.municipality)
    assert len(dashboard(client)["deadlines"]) == 1
    cohort.delete()
    assert dashboard(client)["deadlines"] == []


def test_an_announcement_leaves_the_page_when_too_old(course, official):
    posted = Announcement.objects.create(course=course, title="Bienvenida", body="Hola.").created_at
    for hours, shown in ((0, ["Bienvenida"]), (-1, ["Bienvenida"]), (1, []), (-1, ["Bienvenida"])):
        now = posted + SHOWN_FOR + datetime.timedelta(hours=hours)
        assert [announcement.title for announcement in visible_to(official, [course.pk], now=now)] == shown


def test_kept_deadlines_show_in_each_persons_time_zone(client, course, cohort, official, talcahuano):
    islander = UserFactory(municipality=talcahuano, role=OFFICIAL)
    in_course(islander, course, done=1)
    Preferences.objects.create(user=islander, time_zone=TimeZone.EASTER_ISLAND)
    # 23:59 in Santiago (UTC-4 in June) is 21:59 on Easter Island (UTC-6).
    assert "23:59" in dashboard(client, official)["deadlines"][0]
    assert "21:59" in dashboard(client, islander)["deadlines"][0]
    assert "23:59" in dashboard(client, official)["deadlines"][0]


def test_another_comuna_sees_neither_its_deadlines_nor_its_announcements(client, course, cohort, official, coronel):
    Announcement.objects.create(course=course, cohort=cohort, title="Solo Talcahuano", body="Hola.")
    assert dashboard(client, official)["announcements"] == ["Solo Talcahuano"]
    neighbour = UserFactory(municipality=coronel, role=OFFICIAL)
    in_course(neighbour, course, done=1)
    assert dashboard(client, neighbour) == {"deadlines": [], "announcements": []}
