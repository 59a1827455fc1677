"""Shared fixtures: the site, municipalities, people in each role, and the services gate.

Tests that need PostgreSQL or a real broker skip on a bare machine and fail when ``LMS_REQUIRE_SERVICES=1`` (CI).
"""

import os

import pytest
from django.conf import settings
from django.db import connection
from wagtail.models import Site

from accounts.models import Municipality
from accounts.roles import COORDINATOR, MINISTRY, OFFICIAL, TRAINER
from tests.factories import UserFactory

REQUIRE_SERVICES = os.environ.get("LMS_REQUIRE_SERVICES") == "1"


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
