"""Marking bounced addresses: the command and the signed webhook; a bounced address gets no reminder or
announcement email."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.roles import OFFICIAL
from cohorts import bounces, reminders
from cohorts.models import Preferences
from tests.factories import UserFactory

URL = "/recordatorios/rebotes/"


@pytest.fixture
def person(talcahuano):
    return UserFactory(municipality=talcahuano, role=OFFICIAL, email="Marta.Soto@Talcahuano.test")


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def bounced_at(user):
    return Preferences.objects.filter(user=user).values_list("email_bounced_at", flat=True).first()


def test_the_command_marks_once_in_any_case_and_clears(person, capsys):
    call_command("mark_bounced", "marta.soto@talcahuano.test", "nadie@talcahuano.test")
    first = bounced_at(person)
    assert first is not None and reminders.channel_for(fresh(person)) is None
    call_command("mark_bounced", "MARTA.SOTO@talcahuano.test")
    assert bounced_at(person) == first  # the first bounce's time is kept
    assert "0 address(es) newly marked" in capsys.readouterr().out
    call_command("mark_bounced", "marta.soto@talcahuano.test", clear=True)
    assert bounced_at(person) is None and reminders.channel_for(fresh(person)) == "email"


def test_the_command_reads_a_file_and_refuses_nonsense(person, tmp_path, capsys):
    listing = tmp_path / "rebotes.txt"
    listing.write_text("# informe del servidor\nmarta.soto@talcahuano.test\n=cmd|' /C calc'!A0\n", encoding="utf-8")
    call_command("mark_bounced", file=str(listing))
    assert bounced_at(person) is not None
    assert "Not an email address" in capsys.readouterr().err
    with pytest.raises(CommandError):
        call_command("mark_bounced", "no es un correo")
    with pytest.raises(CommandError):
        call_command("mark_bounced", file=str(tmp_path / "no-existe.txt"))


def post(body, signature=None):
    headers = {"HTTP_X_COCREA_SIGNATURE": signature} if signature is not None else {}
    return Client(enforce_csrf_checks=True).post(URL, body, content_type="application/json", **headers)


def test_the_webhook_marks_only_with_a_valid_signature(person, settings):
    settings.BOUNCE_WEBHOOK_SECRET = "secreto-compartido"
    body = json.dumps({"emails": ["marta.soto@talcahuano.test", "<script>"]}).encode()
    assert post(body).status_code == 403
    assert post(body, bounces.signature(body, "otro-secreto")).status_code == 403
    assert bounced_at(person) is None
    response = post(body, bounces.signature(body))
    assert response.status_code == 200
    assert response.json() == {"marked": 1, "invalid": ["<script>"]}
    assert bounced_at(person) is not None


@pytest.mark.parametrize(
    "body",
    [
        b"no es json",
        b"[]",
        b'{"emails": "a@b.cl"}',
        b'{"correos": []}',
        json.dumps({"emails": ["a@b.cl"] * 1001}).encode(),
    ],
)
def test_the_webhook_refuses_bodies_it_does_not_understand(db, settings, body):
    settings.BOUNCE_WEBHOOK_SECRET = "secreto-compartido"
    response = post(body, bounces.signature(body))
    assert response.status_code == 400 and "error" in response.json()


def test_the_webhook_does_not_exist_without_a_secret(db, settings):
    settings.BOUNCE_WEBHOOK_SECRET = ""
    body = b'{"emails": []}'
    assert post(body, bounces.signature(body, "")).status_code == 404
    assert Client().get(URL).status_code == 405
