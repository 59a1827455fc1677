"""Redis as cache stops, is unreachable or hangs: every page still answers, from the database, within seconds.

Nothing in the cache is the only copy of anything (sessions live in the database), so an outage costs speed only.
"""

import logging
import time

import pytest
import redis
from bs4 import BeautifulSoup
from django.contrib.auth import SESSION_KEY

from accounts.models import Session
from courses import services
from courses.models import Completion
from tests.certificates.factories import complete
from tests.courses.factories import build_course, catalogue, lessons_of
from tests.factories import UserFactory

from .services import dead_url

SECONDS = 3  # generous: an answer, not a gunicorn timeout


@pytest.fixture
def course(db):
    return build_course(modules=1, lessons=2, title="Calles para las personas")


@pytest.fixture
def learner(official, course):
    services.enrol(official, course)
    return official


@pytest.fixture(autouse=True)
def report_again():
    """The once-a-minute report of an unreachable cache is due again in each test."""
    for log_filter in logging.getLogger("cocrea.cache").filters:
        log_filter._last = None


def timed(request, *args, **kwargs):
    start = time.monotonic()
    response = request(*args, **kwargs)
    elapsed = time.monotonic() - start
    assert elapsed < SECONDS, f"{args[0]} took {elapsed:.1f} s"
    return response


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def pages(course):
    """Addresses a signed-in learner opens, with words each must show."""
    lesson = lessons_of(course)[0]
    return {
        "/": "Cocrea",
        catalogue().url: "Calles para las personas",
        course.url: "Calles para las personas",
        lesson.url: "Converse con quienes esperan la micro",
        "/mi-aprendizaje/": "Calles para las personas",
    }


def assert_pages_answer(client, course):
    for url, words in pages(course).items():
        response = timed(client.get, url)
        assert response.status_code == 200, url
        assert words in text(response), url


def test_a_cache_stopped_mid_session_costs_no_page_and_no_sign_in(
    client, use_cache, private_redis, learner, course, caplog
):
    use_cache(private_redis.url)
    client.force_login(learner)
    assert_pages_answer(client, course)  # with the cache: pages keep the published site and permissions in it

    private_redis.stop()
    with caplog.at_level(logging.WARNING, logger="cocrea.cache"):
        assert_pages_answer(client, course)
        lesson = lessons_of(course)[0]
        response = timed(client.post, f"/mi-aprendizaje/actividades/{lesson.pk}/completar/")
        assert response.status_code == 302
        assert Completion.objects.filter(user=learner, item=lesson).count() == 1
        # Still signed in: the session is read from the database.
        assert "Cerrar sesión" in text(timed(client.get, "/mi-aprendizaje/"))

    reports = [record for record in caplog.records if record.name == "cocrea.cache"]
    assert len(reports) == 1, "one warning per process and minute, not one per request"
    assert reports[0].levelname == "WARNING"
    assert "The cache does not answer" in reports[0].getMessage()
    assert reports[0].exc_info is None


def test_signing_in_and_out_works_without_the_cache(client, use_cache, talcahuano):
    use_cache(dead_url())
    person = UserFactory(municipality=talcahuano, email="marta.rios@talcahuano.cl", password="clave-larga-2026")

    response = timed(
        client.post, "/cuenta/ingresar/", {"username": "Marta.Rios@talcahuano.cl", "password": "clave-larga-2026"}
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.get_decoded()[SESSION_KEY] == str(person.pk)

    response = timed(client.post, "/cuenta/salir/")
    assert not Session.objects.exists()
    assert timed(client.get, "/mi-aprendizaje/").status_code == 302  # signed out stays signed out


def test_a_wrong_password_is_still_counted_without_the_cache(client, use_cache, talcahuano, settings):
    """Sign-in throttling fails closed: django-axes counts in the database, so an outage unlocks nothing."""
    use_cache(dead_url())
    UserFactory(municipality=talcahuano, email="marta.rios@talcahuano.cl", password="clave-larga-2026")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/cuenta/ingresar/", {"username": "marta.rios@talcahuano.cl", "password": "otra-clave-9"})
    response = timed(
        client.post, "/cuenta/ingresar/", {"username": "marta.rios@talcahuano.cl", "password": "clave-larga-2026"}
    )
    assert response.status_code == 429
    assert "15 minutos" in text(response)


def test_certificate_verification_answers_without_the_cache(
    client, use_cache, official, course, django_capture_on_commit_callbacks, settings
):
    certificate = complete(official, course, django_capture_on_commit_callbacks)
    settings.CERTIFICATE_VERIFICATION_LIMIT = 1
    use_cache(dead_url())
    for _lookup in range(3):  # nothing can be counted: the limit fails open
        response = timed(client.get, f"/certificados/verificar/{certificate.code}/")
        assert response.status_code == 200
        assert "Calles para las personas" in text(response)


def test_a_cache_that_hangs_slows_pages_but_answers_them(client, use_cache, silent_listener, learner, course):
    use_cache(silent_listener.url("redis"))
    client.force_login(learner)
    assert_pages_answer(client, course)


def test_the_cache_is_used_again_once_it_answers(client, use_cache, private_redis, learner, course, monkeypatch):
    monkeypatch.setattr("core.redis_guard.PAUSE_SECONDS", 0.2)
    use_cache(private_redis.url)
    client.force_login(learner)
    private_redis.stop()
    assert timed(client.get, course.url).status_code == 200

    private_redis.start()
    time.sleep(0.3)
    assert timed(client.get, course.url).status_code == 200
    kept = redis.Redis(port=private_redis.port).keys("*published-generation*")
    assert kept, "the generation of the published site is back in the cache"
