"""Every form and POST endpoint of the foundation survives hostile input (see ``hostile.py``)."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import given

from accounts.models import Membership, User
from accounts.roles import OFFICIAL
from accounts.validators import hidden_characters
from tests.factories import PASSWORD, UserFactory

from .hostile import HOSTILE, assert_survives, form_data, rolled_back, snapshot, submitted

NEW_PASSWORD = "recorridos-del-biotren-2025"


@pytest.fixture
def known_official(talcahuano):
    return UserFactory(email="persona@municipio.test", municipality=talcahuano, role=OFFICIAL)


@pytest.fixture
def known_superuser(db):
    return UserFactory(email="admin@municipio.test", municipality=None, is_superuser=True, is_staff=True)


def people():
    return (User.objects.order_by("pk"), User.groups.through.objects.order_by("pk"))


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def post(client, url, data):
    return client.post(url, data)


@HOSTILE
@given(
    data=form_data(
        {
            "first_name": "José",
            "last_name": "Ñúñez",
            "email": "jose@talcahuano.test",
            "municipality": None,  # filled in below with a real id
            "position": "Secplan",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "accept_privacy": "on",
        }
    )
)
def test_signup(talcahuano, data):
    if data.get("municipality") is None:
        data["municipality"] = str(talcahuano.pk)
    existing = set(User.objects.values_list("pk", flat=True))

    def one_complete_official(response):
        new = User.objects.exclude(pk__in=existing).get()
        assert new.groups.filter(name=OFFICIAL.group_name).exists()
        assert new.privacy_accepted_at and new.municipality_id and new.email == new.email.strip().lower()
        assert not new.is_staff and not new.is_superuser
        assert new.membership == Membership.PENDING and new.email_confirmed_at is None
        assert not hidden_characters(new.first_name + new.last_name)

    with rolled_back():
        before = snapshot(*people())
        response = post(Client(), "/cuenta/registro/", data)
        assert_survives(response, before, snapshot(*people()), accepted=one_complete_official)


@HOSTILE
@given(data=form_data({"username": "persona@municipio.test", "password": PASSWORD, "next": "/cuenta/perfil/"}))
def test_login(known_official, data):
    with rolled_back():
        before = snapshot(User.objects.defer("last_login"))
        client = Client()
        response = post(client, "/cuenta/ingresar/", data)
        signed = "_auth_user_id" in client.session

        def really_signed_in(response):
            assert signed and submitted(data, "password") == PASSWORD
            assert not urlsplit(response["Location"]).netloc, "sign-in redirected off the site"

        if response.status_code == 429:  # locked out after repeated failures: a page, no sign-in
            assert not signed
        assert_survives(response, before, snapshot(User.objects.defer("last_login")), accepted=really_signed_in)


@HOSTILE
@given(data=form_data({"first_name": "Ana", "last_name": "Rivas", "municipality": None, "position": "Secplan"}))
def test_profile(official, data):
    if data.get("municipality") is None:
        data["municipality"] = str(official.municipality_id)

    def saved_as_typed(response):
        person = User.objects.get(pk=official.pk)
        assert person.first_name == submitted(data, "first_name").strip()
        assert not hidden_characters(person.first_name + person.last_name)
        assert (person.email, person.is_superuser, person.is_staff) == (official.email, False, False)
        assert list(person.groups.all()) == list(official.groups.all())

    with rolled_back():
        client = signed_in(official)
        before = snapshot(*people())
        response = post(client, "/cuenta/perfil/", data)
        assert_survives(response, before, snapshot(*people()), accepted=saved_as_typed)


@HOSTILE
@given(data=form_data({"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}))
def test_password_change(official, data):
    def changed_to_the_new_one(response):
        assert User.objects.get(pk=official.pk).check_password(submitted(data, "new_password1"))

    with rolled_back():
        client = signed_in(official)
        before = snapshot(User.objects.all())
        response = post(client, "/cuenta/contrasena/", data)
        assert_survives(response, before, snapshot(User.objects.all()), accepted=changed_to_the_new_one)


@HOSTILE
@given(data=form_data({"email": "persona@municipio.test"}))
def test_password_reset_request(official, data):
    mail.outbox = []
    with rolled_back():
        before = snapshot(User.objects.all())
        response = post(Client(), "/cuenta/recuperar/", data)
        assert_survives(response, before, snapshot(User.objects.all()))
        assert all(message.to == [official.email] for message in mail.outbox)


@HOSTILE
@given(data=form_data({"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}))
def test_password_reset_confirm(official, data):
    with rolled_back():
        client = Client()
        uid = urlsafe_base64_encode(force_bytes(official.pk))
        form_url = client.get(f"/cuenta/recuperar/{uid}/{default_token_generator.make_token(official)}/")["Location"]
        before = snapshot(User.objects.all())
        response = post(client, form_url, data)

        def set_to_the_new_one(response):
            assert User.objects.get(pk=official.pk).check_password(submitted(data, "new_password1"))

        assert_survives(response, before, snapshot(User.objects.all()), accepted=set_to_the_new_one)


@HOSTILE
@given(data=form_data({"language": "en", "next": "/cuenta/ingresar/"}))
def test_language_switch(db, data):
    response = post(Client(), "/idioma/", data)
    assert response.status_code < 500
    if response.status_code in (301, 302):
        target = urlsplit(response["Location"])
        assert not target.netloc and not target.scheme, f"open redirect to {response['Location']}"


@HOSTILE
@given(data=form_data({"password": PASSWORD, "confirm": "on"}))
def test_erase_account(official, data):
    def erased(response):
        person = User.objects.get(pk=official.pk)
        assert person.erased_at and not person.is_active and not person.first_name

    with rolled_back():
        client = signed_in(official)
        before = snapshot(*people())
        response = post(client, "/cuenta/mis-datos/eliminar/", data)
        assert_survives(response, before, snapshot(*people()), accepted=erased)


@HOSTILE
@given(data=form_data(["token", "next"]))
def test_two_factor_setup(ministry, data):
    with rolled_back():
        response = post(signed_in(ministry), "/cuenta/dos-pasos/activar/", data)
        devices = TOTPDevice.objects.filter(user=ministry, confirmed=True)
        assert_survives(response, [[]], [sorted(map(repr, devices.values()))])


@HOSTILE
@given(data=form_data(["token", "next"]))
def test_two_factor_verify(ministry, data):
    with rolled_back():
        device = TOTPDevice.objects.create(user=ministry, name="Cocrea", confirmed=True)
        client = Client()
        client.post("/cuenta/ingresar/", {"username": ministry.email, "password": PASSWORD})
        response = post(client, "/cuenta/dos-pasos/verificar/", data)
        valid = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
        if response.status_code != 302:
            assert client.get("/cuenta/perfil/")["Location"].startswith("/cuenta/dos-pasos/verificar/")
        assert_survives(response, [], [], accepted=lambda r: submitted(data, "token") == str(valid).zfill(6))


@HOSTILE
@given(data=form_data({"username": "admin@municipio.test", "password": PASSWORD}))
def test_admin_login(known_superuser, data):
    with rolled_back():
        before = snapshot(User.objects.defer("last_login"))
        response = post(Client(), "/admin/login/", data)
        assert response.status_code < 500
        if response.status_code == 200:
            assert before == snapshot(User.objects.defer("last_login"))
