"""The cohort form survives hostile input (see ``tests/security/hostile.py``)."""

import pytest
from django.test import Client
from hypothesis import given

from cohorts.models import Cohort
from tests.courses.factories import build_course
from tests.security.hostile import HOSTILE, assert_survives, form_data, rolled_back, snapshot

FIELDS = {
    "title": "Co-diseño 2027",
    "course": None,
    "municipalities": None,
    "opens_on": "2027-03-01",
    "closes_on": "2027-05-31",
    "target_per_municipality": "20",
}


@pytest.fixture
def course(site):
    return build_course(modules=1, lessons=1)


def cohorts():
    return (Cohort.objects.order_by("pk"), Cohort.municipalities.through.objects.order_by("pk"))


def one_valid_cohort(response):
    cohort = Cohort.objects.latest("pk")
    assert cohort.closes_on >= cohort.opens_on and cohort.municipalities.exists()


@HOSTILE
@given(data=form_data(FIELDS))
def test_a_cohort_survives_hostile_input(course, ministry, talcahuano, data):
    data = {"course": str(course.pk), "municipalities": [str(talcahuano.pk)], **data}
    with rolled_back():
        client = Client()
        client.force_login(ministry)
        before = snapshot(*cohorts())
        response = client.post("/convocatorias/nueva/", data)
        assert_survives(response, before, snapshot(*cohorts()), accepted=one_valid_cohort)


PREFERENCES = {
    "channel": "sms",
    "mobile": "+56 9 6123 4567",
    "time_zone": "Pacific/Easter",
    "announcements_by_email": "on",
}


def preferences():
    from cohorts.models import Preferences

    return (Preferences.objects.order_by("pk"),)


def valid_preferences(response):
    from cohorts.models import Preferences

    saved = Preferences.objects.get()
    assert saved.channel != "sms" or saved.mobile.startswith("+")


@HOSTILE
@given(data=form_data(PREFERENCES))
def test_reminder_preferences_survive_hostile_input(official, data):
    with rolled_back():
        client = Client()
        client.force_login(official)
        before = snapshot(*preferences())
        response = client.post("/recordatorios/preferencias/", data)
        assert_survives(response, before, snapshot(*preferences()), accepted=valid_preferences)
