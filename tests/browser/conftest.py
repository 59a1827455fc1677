"""Browser fixtures: Debian's headless Chromium, driven by pytest-playwright against a live server on 127.0.0.1.

Every test in this folder is marked ``browser``. Without Chromium (or without the Node and Java tools the checks
use) the tests skip; with ``LMS_REQUIRE_SERVICES=1`` (CI) they fail instead. ``make test`` installs all of them.

A test gets ``page`` (desktop, 1280×720) or ``phone`` (360×740, touch); both open relative addresses on the
``live_server``. When a test fails, a screenshot and the HTML of every open page go to ``test-results/<test>/``.
A request to anywhere but 127.0.0.1 is blocked and fails the test.
"""

import os
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles.finders import FileSystemFinder
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.live_server_helper import LiveServer

from accounts.roles import MINISTRY
from tests.conftest import skip_or_fail
from tests.factories import UserFactory

from . import page_weight
from .evidence import save_page

HERE = Path(__file__).resolve().parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROME_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# The only host pages may reach; pytest runs the live server there (--liveserver=127.0.0.1 in pyproject.toml).
LOCAL_HOSTS = {"127.0.0.1"}
TIMEOUT_MS = 5_000  # a local page answers in milliseconds; Playwright's 30 s default only slows a failing run
AUTHENTICATOR = "Teléfono de la visita"  # the name of the TOTP device of ``ministry_with_two_factor``
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Mark the tests of this folder ``browser`` and run them last, after pytest-django's own ordering.

    Last, because once Playwright has started it marks an event loop as running in the main thread until the end of
    the session, and Django then refuses database calls there unless DJANGO_ALLOW_ASYNC_UNSAFE is set (see the
    ``playwright`` fixture): no other test should run in that state.
    """
    browser_tests = [item for item in items if HERE in item.path.parents]
    for item in browser_tests:
        item.add_marker(pytest.mark.browser)
    items[:] = [item for item in items if item not in browser_tests] + browser_tests


@pytest.fixture(autouse=True)
def _fresh_data_for_each_test(transactional_db, django_db_serialized_rollback):
    """The live server needs committed data, so these tests are not wrapped in a transaction: the tables are
    emptied after each, and serialized rollback puts back what migrations made (comunas, the home page, the site).
    The cache is emptied too: Wagtail keeps the site's root paths there, and page ids change from test to test.

    Asked for by name: pytest does not see ``live_server`` behind the overridden ``new_context``, so pytest-django
    would otherwise wrap the test in a transaction the server thread cannot see (on PostgreSQL)."""
    cache.clear()


@pytest.fixture(scope="session")
def _migrated_data(django_db_setup):
    """The test database as migrations left it, serialized by Django when it created it (for serialized rollback)."""
    return {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}


@pytest.fixture(scope="session")
def playwright(_migrated_data, playwright):
    """pytest-playwright's Playwright, started once the serialized data is safe.

    Its sync API marks an event loop as running in the test's thread. Django then refuses database calls in that
    thread unless DJANGO_ALLOW_ASYNC_UNSAFE is set (set here, for the rest of the session), and hands the thread
    another connection object (asgiref keeps connections per context in async code), which needs the serialized data.
    """
    for alias, contents in _migrated_data.items():
        if contents is not None:
            connections[alias]._test_serialized_contents = contents
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield playwright


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        skip_or_fail(f"needs Chromium at {CHROMIUM} (`make test` installs it as root: apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROME_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    """Every context opens relative addresses on the live server, as a Chilean official's browser would."""
    return {**browser_context_args, "base_url": live_server.url, "locale": "es-CL", "timezone_id": "America/Santiago"}


@pytest.fixture
def new_context(new_context, request):
    """pytest-playwright's context factory, with the 127.0.0.1 guard and the failure artefacts."""
    contexts, blocked = [], []

    def guarded_context(**kwargs):
        context = new_context(**kwargs)
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", partial(_keep_local, blocked=blocked))
        contexts.append(context)
        return context

    yield guarded_context
    report = getattr(request.node, "rep_call", None)  # set by pytest-playwright's report hook
    if report is not None and report.failed:
        pages = [page for context in contexts for page in context.pages if not page.is_closed()]
        for number, page in enumerate(pages, start=1):
            save_page(request.node, page, f"page-{number}")
    if blocked:
        pytest.fail("requests that would have left 127.0.0.1 (blocked):\n" + "\n".join(sorted(set(blocked))))


def _keep_local(route, *, blocked):
    if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        blocked.append(route.request.url)
        route.abort("blockedbyclient")


@pytest.fixture
def phone(new_context):
    """A page in a 360×740 phone viewport with touch, the screen most officials learn on."""
    return new_context(**PHONE).new_page()


@pytest.fixture
def log_in(live_server):
    """``log_in(page, user)`` signs ``user`` in for every page of ``page``'s browser context (no form involved)."""

    def log_in(page, user):
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])

    return log_in


@pytest.fixture
def newcomer(talcahuano):
    """Signed up, address not confirmed yet, membership of Talcahuano pending."""
    return UserFactory(municipality=talcahuano, email_confirmed_at=None, membership="pending")


@pytest.fixture
def ministry_with_two_factor(db):
    """Ministry staff with two-step verification turned on. An account of its own: the visits of ``PAGES`` share
    one database, and the others that sign in as ``ministry`` must not be asked for a code."""
    user = UserFactory(role=MINISTRY, first_name="Ximena", last_name="Poblete Arriagada")
    TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=True)
    return user


@pytest.fixture(scope="module")
def production_static_server(django_db_setup, tmp_path_factory, pytestconfig):
    """A second live server whose static files are served as in production (lms/settings/production.py).

    collectstatic writes hashed names and gzip copies (brotli too when the ``brotli`` package is installed) to a
    temporary STATIC_ROOT; WhiteNoise's middleware serves them with ``Content-Encoding``. Only the project's own
    ``static/`` folder is collected (the Wagtail admin's files would take ~10 s): front-end pages must not use others.
    """
    production_static = {
        "STATIC_ROOT": tmp_path_factory.mktemp("static"),
        "STATICFILES_FINDERS": [f"{FileSystemFinder.__module__}.{FileSystemFinder.__name__}"],
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        "WHITENOISE_USE_FINDERS": False,
        "WHITENOISE_AUTOREFRESH": False,
    }
    with override_settings(**production_static):
        call_command("collectstatic", interactive=False, verbosity=0)
        server = LiveServer(pytestconfig.getvalue("liveserver") or "127.0.0.1", start=False)
        server.thread.static_handler = _no_static_handler
        server.start()
        yield server
        server.stop()


def _no_static_handler(application):
    """Leave /static/ to WhiteNoise's middleware instead of Django's development handler."""
    return application


def pytest_terminal_summary(terminalreporter, config):
    lines = list(page_weight.summary_lines(config))
    if lines:
        terminalreporter.section("page weight: first load on a phone, as transferred")
        for line in lines:
            terminalreporter.write_line(line)
