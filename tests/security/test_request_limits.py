"""Oversized and malformed requests get a clear 4xx, never a 500.

Through Django's test client; in production the proxy should refuse them first (see README, "Límites de las
solicitudes"): nginx ``client_max_body_size 12m`` and ``large_client_header_buffers 4 8k``, gunicorn
``--limit-request-line 8190``.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from accounts.models import User


def heading(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.html["lang"], soup.h1.get_text(strip=True)


@pytest.mark.parametrize("path", ["/" + "a/" * 5_000, "/cuenta/" + "x" * 100_000 + "/"])
def test_very_long_addresses_get_414(client, home_page, path):
    response = client.get(path)
    assert response.status_code == 414
    assert heading(response) == ("es", "Esta dirección es demasiado larga")


def test_a_very_long_query_string_gets_414(client, home_page):
    response = client.get("/", {"q": "x" * 20_000})
    assert response.status_code == 414


def test_too_many_fields_get_400(client, db):
    response = client.post("/cuenta/ingresar/", {f"f{i}": "x" for i in range(10_001)})
    assert response.status_code == 400
    assert heading(response) == ("es", "No pudimos entender esa solicitud")


def test_a_huge_body_gets_400_and_writes_nothing(client, talcahuano):
    response = client.post(
        "/cuenta/registro/",
        {"first_name": "x" * (6 * 1024 * 1024), "email": "a@b.cl", "municipality": talcahuano.pk},
    )
    assert response.status_code == 400
    assert not User.objects.exists()


def test_a_huge_raw_body_gets_400(client, db):
    response = client.generic(
        "POST", "/cuenta/ingresar/", b"x" * (6 * 1024 * 1024), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_posts_without_the_csrf_token_get_a_spanish_explanation(official):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/cuenta/ingresar/", {"username": official.email, "password": "x"})
    assert response.status_code == 403
    assert heading(response) == ("es", "Este formulario venció")


def test_a_malformed_host_header_gets_400(client, db):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
