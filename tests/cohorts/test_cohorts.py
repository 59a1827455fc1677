"""Cohorts: who creates and sees them, the dates rule, the cohort page's figures and the learners' deadlines."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from accounts.models import Municipality
from accounts.roles import COORDINATOR, OFFICIAL
from cohorts.models import Cohort, Preferences, TimeZone
from tests.courses.factories import build_course
from tests.factories import UserFactory

from .factories import CohortFactory, in_course


@pytest.fixture
def course(site):
    return build_course(modules=1, lessons=4, title="Co-diseño de servicios municipales")


def signed_in(client, user):
    client.force_login(user)
    return client


def cohort_data(course, **changes):
    data = {
        "title": "Co-diseño 2027",
        "course": str(course.pk),
        "opens_on": "2027-03-01",
        "closes_on": "2027-05-31",
        "target_per_municipality": "20",
    }
    return {**data, **changes}


def text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def test_ministry_creates_a_cohort_for_several_municipalities(client, ministry, course, talcahuano, coronel):
    data = cohort_data(course, municipalities=[str(talcahuano.pk), str(coronel.pk)])
    response = signed_in(client, ministry).post("/convocatorias/nueva/", data)
    cohort = Cohort.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/convocatorias/{cohort.pk}/"
    assert set(cohort.municipalities.all()) == {talcahuano, coronel}
    assert cohort.target_per_municipality == 20 and cohort.created_by == ministry
    assert "Co-diseño 2027" in text(client.get("/convocatorias/"))


def test_a_coordinators_cohort_is_their_own_municipality(client, coordinator, course, coronel):
    # A municipality sent in the form is ignored: the coordinator's cohort is always their own comuna's.
    data = cohort_data(course, municipalities=[str(coronel.pk)])
    response = signed_in(client, coordinator).post("/convocatorias/nueva/", data)
    assert response.status_code == 302
    assert list(Cohort.objects.get().municipalities.all()) == [coordinator.municipality]


def test_closing_before_opening_is_a_form_error(client, ministry, course, talcahuano):
    data = cohort_data(course, municipalities=[str(talcahuano.pk)], opens_on="2027-05-31", closes_on="2027-03-01")
    response = signed_in(client, ministry).post("/convocatorias/nueva/", data)
    assert response.status_code == 200
    assert "La fecha de cierre no puede ser anterior a la de apertura." in text(response)
    assert not Cohort.objects.exists()


def test_two_cohorts_of_a_course_cannot_overlap_in_a_municipality(client, ministry, course, talcahuano, coronel):
    CohortFactory(course=course, municipalities=[talcahuano], opens_on="2027-01-01", closes_on="2027-03-31")
    data = cohort_data(course, municipalities=[str(talcahuano.pk), str(coronel.pk)])
    response = signed_in(client, ministry).post("/convocatorias/nueva/", data)
    assert response.status_code == 200 and Cohort.objects.count() == 1
    # After it, it may.
    data = cohort_data(course, municipalities=[str(talcahuano.pk)], opens_on="2027-04-01")
    assert client.post("/convocatorias/nueva/", data).status_code == 302


def test_a_coordinator_never_sees_another_comunas_cohort(client, course, talcahuano, coronel):
    coronel_coordinator = UserFactory(municipality=coronel, role=COORDINATOR)
    theirs = CohortFactory(course=course, municipalities=[talcahuano])
    shared = CohortFactory(course=build_course(modules=1, lessons=1), municipalities=[talcahuano, coronel])
    client = signed_in(client, coronel_coordinator)
    assert client.get(f"/convocatorias/{theirs.pk}/").status_code == 404
    assert client.get(f"/convocatorias/{theirs.pk}/editar/").status_code == 404
    assert theirs.title not in text(client.get("/convocatorias/"))
    # A cohort the ministry opened to both: they read their own comuna's part, and may not edit it.
    in_course(UserFactory(municipality=talcahuano, role=OFFICIAL, first_name="Tomasa"), shared.course)
    in_course(UserFactory(municipality=coronel, role=OFFICIAL, first_name="Carmela"), shared.course)
    page = text(client.get(f"/convocatorias/{shared.pk}/"))
    assert "Carmela" in page and "Tomasa" not in page and "Talcahuano" not in page
    assert client.get(f"/convocatorias/{shared.pk}/editar/").status_code == 403


def test_officials_and_trainers_have_no_cohorts(client, official, trainer):
    assert signed_in(client, official).get("/convocatorias/").status_code == 403
    assert signed_in(client, trainer).get("/convocatorias/nueva/").status_code == 403


def test_the_cohort_page_counts_each_state(client, ministry, course, talcahuano, coronel):
    cohort = CohortFactory(course=course, municipalities=[talcahuano, coronel], target_per_municipality=5)
    person = lambda municipality, name: UserFactory(municipality=municipality, role=OFFICIAL, first_name=name)  # noqa: E731
    in_course(person(talcahuano, "Ana"), course, done=4)  # completed
    in_course(person(talcahuano, "Berta"), course, done=1, active_days_ago=20)  # stalled
    in_course(person(talcahuano, "Carla"), course, done=1, active_days_ago=2)  # started
    in_course(person(coronel, "Dora"), course, enrolled_days_ago=3)  # enrolled, not started
    # Not counted: a pending member, someone of another comuna, a course completed before the cohort opened.
    in_course(UserFactory(municipality=talcahuano, membership="pending", first_name="Elisa"), course, done=1)
    in_course(person(Municipality.objects.get(code="08101"), "Flora"), course, done=1)
    early = in_course(person(talcahuano, "Gabi"), course, done=4)
    type(early).objects.filter(pk=early.pk).update(completed_at=timezone.now() - datetime.timedelta(days=60))

    response = signed_in(client, ministry).get(f"/convocatorias/{cohort.pk}/")
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {
        row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in soup.select("section[aria-labelledby=by-municipality] tbody tr")
    }
    assert rows == {"Coronel": ["5", "1", "0", "0", "0", "0"], "Talcahuano": ["5", "3", "3", "1", "1", "0"]}
    people = {
        row.th.get_text(strip=True).split()[0]: row.find_all("td")[1].get_text()
        for row in soup.select("section[aria-labelledby=people] tbody tr")
    }
    assert people == {"Ana": "Completado", "Berta": "Estancado", "Carla": "En curso", "Dora": "Inscrito, sin comenzar"}
    stalled = text(client.get(f"/convocatorias/{cohort.pk}/?estancados=1"))
    assert "Berta" in stalled and "Carla" not in stalled
    assert "30" in text(response)  # days left


def test_the_cohort_page_runs_a_fixed_number_of_queries(
    client, ministry, course, talcahuano, django_assert_max_num_queries
):
    cohort = CohortFactory(course=course, municipalities=[talcahuano])
    signed_in(client, ministry)

    def measure():
        with django_assert_max_num_queries(16) as captured:
            assert client.get(f"/convocatorias/{cohort.pk}/").status_code == 200
        return len(captured)

    measure()  # the session, the person and their permissions, cached from then on
    in_course(UserFactory(municipality=talcahuano, role=OFFICIAL), course, done=1)
    few = measure()
    for _ in range(8):
        in_course(UserFactory(municipality=talcahuano, role=OFFICIAL), course, done=1)
    assert measure() == few


def test_learners_see_their_deadline_in_their_time_zone(client, course, talcahuano):
    learner = UserFactory(municipality=talcahuano, role=OFFICIAL)
    in_course(learner, course, done=1)
    with time_machine.travel(datetime.datetime(2027, 5, 21, 12, tzinfo=datetime.UTC), tick=False):
        CohortFactory(
            course=course,
            municipalities=[talcahuano],
            title="Co-diseño otoño",
            opens_on=datetime.date(2027, 3, 1),
            closes_on=datetime.date(2027, 5, 31),
        )
        signed_in(client, learner)
        page = text(client.get("/mi-aprendizaje/"))
        assert "Co-diseño otoño" in page and "23:59" in page and "10" in page
        Preferences.objects.create(user=learner, time_zone=TimeZone.EASTER_ISLAND)
        # 23:59 in Santiago (UTC-4 in May) is 21:59 on Easter Island (UTC-6).
        assert "21:59" in text(client.get("/mi-aprendizaje/"))
        assert "21:59" in text(client.get(course.url))
