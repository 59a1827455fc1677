"""A PostgreSQL that accepts connections and never answers: a Spanish 503 page within seconds, not a hung worker."""

import time
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client

from lms.settings.base import STATEMENT_TIMEOUT_SECONDS


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


@pytest.mark.django_db(transaction=True)
def test_a_hung_database_gives_a_spanish_503_page_within_five_seconds(postgres, silent_listener):
    settings_dict = connection.settings_dict
    saved = {"HOST": settings_dict["HOST"], "PORT": settings_dict["PORT"]}
    connection.close()
    settings_dict.update(HOST="127.0.0.1", PORT=str(silent_listener.port))
    try:
        start = time.monotonic()
        response = Client(raise_request_exception=False).get("/cursos/")
        elapsed = time.monotonic() - start
        ready = Client(raise_request_exception=False).get("/readyz")
    finally:
        connection.close()
        settings_dict.update(saved)
    assert response.status_code == 503
    assert elapsed < 5, f"the 503 page took {elapsed:.1f} s"
    assert response["Retry-After"] == "30"
    assert "Cocrea no está disponible en este momento" in text(response)
    assert "Nada de lo que usted guardó se ha perdido" in text(response)
    assert ready.status_code == 503 and ready.json()["database"] == "unavailable"


def test_a_statement_timeout_in_a_request_gives_the_503_page(db, official):
    client = Client(raise_request_exception=False)
    client.force_login(official)
    timed_out = OperationalError("canceling statement due to statement timeout")
    with mock.patch("courses.views.DashboardView.get", side_effect=timed_out):
        response = client.get("/mi-aprendizaje/")
    assert response.status_code == 503
    assert "Cocrea no está disponible en este momento" in text(response)


def test_other_errors_keep_the_500_page(db, official):
    client = Client(raise_request_exception=False)
    client.force_login(official)
    with mock.patch("courses.views.DashboardView.get", side_effect=ValueError("a bug")):
        response = client.get("/mi-aprendizaje/")
    assert response.status_code == 500
    assert "Algo salió mal" in text(response)


def test_postgresql_connections_give_up_connecting_and_stop_long_statements(postgres):
    options = connection.settings_dict["OPTIONS"]
    assert options["connect_timeout"] <= 3
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        shown = cursor.fetchone()[0]
    assert shown == f"{int(STATEMENT_TIMEOUT_SECONDS)}s" or shown == f"{int(STATEMENT_TIMEOUT_SECONDS / 60)}min"


def test_web_processes_get_a_short_statement_timeout_and_the_others_a_long_one():
    import subprocess
    import sys

    def timeout_for(process):
        code = "from lms.settings import base; print(base.STATEMENT_TIMEOUT_SECONDS)"
        env = {"LMS_PROCESS": process, "PATH": "/usr/bin:/bin"}
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, check=True
        )
        return float(run.stdout)

    assert timeout_for("web") == 5
    assert timeout_for("worker") == 600
