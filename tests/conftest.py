"""Shared fixtures: the site, municipalities, people in each role, and the services gate.

Tests that need PostgreSQL or a real broker skip on a bare machine and fail when ``LMS_REQUIRE_SERVICES=1`` (CI).
Transactional tests (``transactional_db``, ``live_server``) start, like the others, from what migrations made.
"""

import io
import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase
from wagtail.models import Site

from accounts.backends import ROLES
from accounts.models import Municipality
from accounts.roles import COORDINATOR, MINISTRY, OFFICIAL, TRAINER
from core import generations, published
from tests.factories import UserFactory

REQUIRE_SERVICES = os.environ.get("LMS_REQUIRE_SERVICES") == "1"


TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server"}


@pytest.fixture(autouse=True)
def new_generations():
    """Each test starts new generations of the published site and of roles (``core.generations``), so nothing cached
    for an earlier test's pages or people, rolled back since, is used again (SQLite hands the same ids out again)."""
    generations.request_ended()  # no request's memo of the generations left over from an earlier test
    published.PUBLISHED.start_new()
    ROLES.start_new()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Give every transactional test serialized rollback.

    A transactional test empties the tables when it ends; without serialized rollback Django then re-creates only
    what post_migrate signals make (the role groups, with new ids), so the next transactional test would start without
    the comunas, the home page and the site, and could not restore them either (the groups clash by name).
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = marker.kwargs if marker else {}
        transactional = kwargs.get("transaction") or TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ()))
        if transactional and "serialized_rollback" not in kwargs:
            item.add_marker(
                pytest.mark.django_db(**{**kwargs, "transaction": True, "serialized_rollback": True}), False
            )


def skip_or_fail(reason):
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} — LMS_REQUIRE_SERVICES=1, so this must run.", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def postgres(db):
    """Use in tests that only mean something on PostgreSQL (concurrency, locking, search configuration)."""
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL (set DATABASE_URL=postgres://…)")


@pytest.fixture
def broker():
    """The broker URL, when a real broker answers."""
    url = settings.CELERY_BROKER_URL
    if not url:
        skip_or_fail("needs a Celery broker (set CELERY_BROKER_URL=redis://…)")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        skip_or_fail(f"the broker at {url} does not answer: {exc}")
    return url


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def talcahuano(db):
    return Municipality.objects.get(code="08110")


@pytest.fixture
def coronel(db):
    return Municipality.objects.get(code="08102")


@pytest.fixture
def official(talcahuano):
    return UserFactory(municipality=talcahuano, role=OFFICIAL)


@pytest.fixture
def trainer(db):
    return UserFactory(role=TRAINER, position="Equipo formador")


@pytest.fixture
def coordinator(talcahuano):
    return UserFactory(municipality=talcahuano, role=COORDINATOR)


@pytest.fixture
def ministry(db):
    return UserFactory(role=MINISTRY, municipality=None, position="Subsecretaría de Transportes")


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, municipality=None)


@pytest.fixture
def world(site):
    """People in the ten roles of the authorization matrix and the objects apps add (``tests/security/world.py``)."""
    from tests.security.world import build_world

    return build_world()


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once per test module inside a transaction that is rolled back after the module.

    Loading it renders every PDF of the toolkit (tens of seconds), so the demo tests of a module share one load; the
    work the loaders hand to ``on_commit`` (PDFs, progress) runs as it would after their commit.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded, db):
    """The demo data; each test runs in a savepoint on top of it, so what a test changes is undone after it."""
