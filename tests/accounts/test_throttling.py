"""Sign-in throttling: one account from one client is paused after five failures, for 15 minutes."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.test import Client, override_settings
from django.utils import timezone

from tests.factories import PASSWORD

LOGIN_URL = "/cuenta/ingresar/"


def client_at(address):
    return Client(REMOTE_ADDR=address)


def fail(client, email, times):
    for _ in range(times):
        client.post(LOGIN_URL, {"username": email, "password": "no-es-esta"})


def test_five_failures_pause_the_account_from_that_client_with_a_spanish_page(official):
    client = client_at("200.1.1.1")
    fail(client, official.email, 4)
    assert client.post(LOGIN_URL, {"username": official.email, "password": "no-es-esta"}).status_code == 429
    response = client.post(LOGIN_URL, {"username": official.email, "password": PASSWORD})
    assert response.status_code == 429, "the right password does not get through a lock"
    assert "_auth_user_id" not in client.session
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Demasiados intentos fallidos"
    assert "15 minutos" in soup.get_text()
    assert soup.select_one("a[href='/cuenta/recuperar/']")


def test_capitals_and_spaces_do_not_dodge_the_count(official):
    client = client_at("200.1.1.1")
    for variant in (official.email, official.email.upper(), f" {official.email} ", official.email.title(), "x"):
        client.post(LOGIN_URL, {"username": variant if variant != "x" else official.email, "password": "mala"})
    assert client.post(LOGIN_URL, {"username": official.email, "password": PASSWORD}).status_code == 429


def test_the_same_address_can_still_sign_in_other_people(official, coordinator):
    """A municipality's officials share one public address: a lock on one account does not stop the others."""
    shared = client_at("200.1.1.1")
    fail(shared, official.email, 5)
    colleague = client_at("200.1.1.1")
    response = colleague.post(LOGIN_URL, {"username": coordinator.email, "password": PASSWORD})
    assert response.status_code == 302
    assert int(colleague.session["_auth_user_id"]) == coordinator.pk


def test_the_account_still_signs_in_from_another_client(official):
    fail(client_at("200.1.1.1"), official.email, 5)
    elsewhere = client_at("190.2.2.2")
    assert elsewhere.post(LOGIN_URL, {"username": official.email, "password": PASSWORD}).status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(official):
    client = client_at("200.1.1.1")
    fail(client, official.email, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    response = client.post(LOGIN_URL, {"username": official.email, "password": PASSWORD})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists(), "a successful sign-in clears the failures"


def test_the_admin_sign_in_is_throttled_too(superuser):
    client = client_at("200.1.1.1")
    for _ in range(5):
        client.post("/admin/login/", {"username": superuser.email, "password": "mala"})
    assert client.post("/admin/login/", {"username": superuser.email, "password": PASSWORD}).status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_forwarded_address_counts(official):
    """Behind the TLS proxy every request comes from the proxy; the address it forwards is the client's."""
    fail(Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="200.1.1.1"), official.email, 5)
    other = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="190.2.2.2")
    assert other.post(LOGIN_URL, {"username": official.email, "password": PASSWORD}).status_code == 302
    # A client cannot pick its address by sending its own X-Forwarded-For: the proxy's entry is the last one.
    spoofed = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 200.1.1.1")
    assert spoofed.post(LOGIN_URL, {"username": official.email, "password": PASSWORD}).status_code == 429


@pytest.mark.parametrize("attempts", [4])
def test_fewer_failures_than_the_limit_do_not_lock(official, attempts):
    client = client_at("200.1.1.1")
    fail(client, official.email, attempts)
    assert client.post(LOGIN_URL, {"username": official.email, "password": PASSWORD}).status_code == 302
