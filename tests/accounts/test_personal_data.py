"""Personal data: the JSON download (a registry every app contributes to) and erasure that keeps the figures."""

import json

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from accounts.models import User
from accounts.personal_data import erase_personal_data, export_personal_data
from accounts.signals import personal_data_erased
from tests.factories import PASSWORD


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_page_explains_download_and_erasure(client, official):
    client.force_login(official)
    assert soup_of(client.get("/cuenta/perfil/")).select_one("a[href='/cuenta/mis-datos/']")
    soup = soup_of(client.get("/cuenta/mis-datos/"))
    assert soup.h1.get_text(strip=True) == "Mis datos"
    assert (
        soup.select_one("a[href='/cuenta/mis-datos/descargar/']").get_text(strip=True) == "Descargar mis datos (JSON)"
    )
    assert "aparecen como revocados" in soup.get_text()
    assert soup.select_one("a[href='/cuenta/mis-datos/eliminar/']")


def test_the_download_is_an_attachment_with_the_profile(client, official):
    client.force_login(official)
    response = client.get("/cuenta/mis-datos/descargar/")
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="cocrea-mis-datos-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    profile = data["profile"]
    assert profile["email"] == official.email
    assert profile["first_name"] == official.first_name
    assert profile["municipality"] == {"code": "08110", "name": "Talcahuano"}
    assert profile["roles"] == ["Funcionarios municipales"]
    assert profile["two_factor_devices"] == []
    assert "password" not in json.dumps(data)


def grades(user):
    return {"grades": [{"course": "Co-diseño", "score": 90}]}


def also_profile(user):
    return {"profile": {}}


@override_settings(PERSONAL_DATA_EXPORTERS=["accounts.personal_data.export_profile", f"{__name__}.grades"])
def test_apps_add_their_sections_through_the_registry(official):
    data = export_personal_data(official)
    assert data["grades"] == [{"course": "Co-diseño", "score": 90}]
    assert data["profile"]["email"] == official.email


@override_settings(PERSONAL_DATA_EXPORTERS=["accounts.personal_data.export_profile", f"{__name__}.also_profile"])
def test_two_exporters_cannot_claim_the_same_section(official):
    with pytest.raises(ImproperlyConfigured, match="profile"):
        export_personal_data(official)


def test_erasure_needs_the_password_and_the_box(client, official):
    client.force_login(official)
    page = soup_of(client.get("/cuenta/mis-datos/eliminar/"))
    assert page.h1.get_text(strip=True) == "Eliminar mis datos y cerrar mi cuenta"
    assert "no se puede deshacer" in page.get_text()
    response = client.post("/cuenta/mis-datos/eliminar/", {"password": "no-es-esta", "confirm": "on"})
    errors = soup_of(response).select_one(".error-summary").get_text()
    assert "Esa contraseña no es correcta." in errors
    response = client.post("/cuenta/mis-datos/eliminar/", {"password": PASSWORD})
    assert "Marque la casilla" in soup_of(response).select_one(".error-summary").get_text()
    official.refresh_from_db()
    assert official.is_active and official.erased_at is None


def test_erasure_anonymises_signs_out_and_keeps_the_account_for_figures(client, official, talcahuano):
    received = []

    def receiver(sender, user, erased_by, **kwargs):
        received.append((user.pk, erased_by.pk, user.email))

    personal_data_erased.connect(receiver)
    try:
        client.force_login(official)
        other_session = Client()
        other_session.force_login(official)
        email = official.email
        response = client.post("/cuenta/mis-datos/eliminar/", {"password": PASSWORD, "confirm": "on"})
    finally:
        personal_data_erased.disconnect(receiver)

    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    assert "Sus datos personales fueron eliminados" in client.get("/").content.decode()
    person = User.objects.get(pk=official.pk)
    assert (person.first_name, person.last_name, person.position) == ("", "", "")
    assert person.email == f"removed-{official.pk}@erased.invalid"
    assert str(person) == "Persona eliminada"
    assert not person.is_active and not person.has_usable_password() and person.erased_at
    assert person.municipality == talcahuano, "kept for the municipality's figures"
    assert not person.groups.exists()
    assert received == [(official.pk, official.pk, person.email)]
    assert other_session.get("/cuenta/perfil/").status_code == 302, "every other session ends too"
    response = Client().post("/cuenta/ingresar/", {"username": email, "password": PASSWORD})
    assert response.status_code == 200
    entry = ModelLogEntry.objects.get(action="cocrea.personal_data_erased")
    assert entry.object_id == str(official.pk) and entry.label == "Persona eliminada"


def test_erasure_removes_what_else_names_the_person(ministry, superuser):
    TOTPDevice.objects.create(user=ministry, name="Cocrea", confirmed=True)
    AccessAttempt.objects.create(username=ministry.email, ip_address="200.1.1.1", failures_since_start=2)
    UserProfile.get_for_user(ministry)
    earlier = ModelLogEntry.objects.log_action(ministry, "cocrea.roles_changed", data={"added": ["Ministerio"]})
    assert earlier.label == str(ministry)

    erase_personal_data(ministry, erased_by=superuser)

    assert not TOTPDevice.objects.filter(user=ministry).exists()
    assert not AccessAttempt.objects.exists()
    assert not UserProfile.objects.filter(user=ministry).exists()
    earlier.refresh_from_db()
    assert earlier.label == "Persona eliminada"
    assert ModelLogEntry.objects.get(action="cocrea.personal_data_erased").user == superuser


def test_a_failing_receiver_rolls_the_whole_erasure_back(official):
    def broken(**kwargs):
        raise RuntimeError("certificates could not be revoked")

    email = official.email
    personal_data_erased.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            erase_personal_data(official, erased_by=official)
    finally:
        personal_data_erased.disconnect(broken)
    person = User.objects.get(pk=official.pk)
    assert person.email == email and person.is_active and person.groups.exists()


def test_administrators_cannot_erase_themselves(client, superuser):
    client.force_login(superuser)
    response = client.get("/cuenta/mis-datos/eliminar/", follow=True)
    assert "no puede eliminarse a sí misma" in response.content.decode()
    response = client.post("/cuenta/mis-datos/eliminar/", {"password": PASSWORD, "confirm": "on"})
    superuser.refresh_from_db()
    assert superuser.is_active and superuser.erased_at is None
