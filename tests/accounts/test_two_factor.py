"""Two-step verification (TOTP): set-up, the second step at sign-in, turning it off, and the superuser rule."""

from bs4 import BeautifulSoup
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from tests.factories import PASSWORD


def code_for(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():06d}"


def sign_in(email, next_url=None):
    client = Client()
    data = {"username": email, "password": PASSWORD}
    url = "/cuenta/ingresar/" + (f"?next={next_url}" if next_url else "")
    response = client.post(url, {**data, **({"next": next_url} if next_url else {})})
    return client, response


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def set_up(client, user):
    client.get("/cuenta/dos-pasos/activar/")
    device = TOTPDevice.objects.get(user=user)
    return client.post("/cuenta/dos-pasos/activar/", {"token": code_for(device)}), device


def test_ministry_staff_turn_it_on_with_a_qr_code_and_a_code(client, ministry):
    client.force_login(ministry)
    soup = soup_of(client.get("/cuenta/perfil/"))
    assert soup.select_one("a[href='/cuenta/dos-pasos/']").get_text(strip=True) == "Verificación en dos pasos"
    soup = soup_of(client.get("/cuenta/dos-pasos/"))
    assert "La verificación en dos pasos está desactivada." in soup.get_text()

    page = soup_of(client.get("/cuenta/dos-pasos/activar/"))
    assert page.h1.get_text(strip=True) == "Activar la verificación en dos pasos"
    assert page.select_one(".qr-code svg title").get_text()
    secret = page.select_one(".secret-key").get_text(strip=True)
    assert len(secret.replace(" ", "")) == 32
    device = TOTPDevice.objects.get(user=ministry, confirmed=False)

    wrong = client.post("/cuenta/dos-pasos/activar/", {"token": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "Ese código no es correcto" in soup_of(wrong).select_one(".error-summary").get_text()
    assert not TOTPDevice.objects.filter(user=ministry, confirmed=True).exists()

    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a second (see test_repeated_wrong_codes…)
    response = client.post("/cuenta/dos-pasos/activar/", {"token": code_for(device)})
    assert response["Location"] == "/cuenta/dos-pasos/"
    device.refresh_from_db()
    assert device.confirmed
    assert "La verificación en dos pasos está activada." in soup_of(client.get("/cuenta/dos-pasos/")).get_text()
    entry = ModelLogEntry.objects.get(action="cocrea.two_factor_enabled")
    assert entry.user == ministry and entry.object_id == str(ministry.pk)


def test_after_signing_in_the_code_is_asked_before_anything_else(ministry):
    client, _ = sign_in(ministry.email)
    _, device = set_up(client, ministry)

    client, response = sign_in(ministry.email, next_url="/admin/")
    assert response["Location"] == "/admin/"
    for address in ("/admin/", "/cuenta/perfil/", "/cuenta/mis-datos/descargar/"):
        answer = client.get(address)
        assert answer.status_code == 302
        assert answer["Location"].startswith("/cuenta/dos-pasos/verificar/?next=")
    page = soup_of(client.get("/cuenta/dos-pasos/verificar/?next=/admin/"))
    assert page.h1.get_text(strip=True) == "Ingrese su código"

    wrong = client.post("/cuenta/dos-pasos/verificar/?next=/admin/", {"token": "12345", "next": "/admin/"})
    assert "El código tiene seis dígitos." in soup_of(wrong).select_one(".error-summary").get_text()
    response = client.post("/cuenta/dos-pasos/verificar/", {"token": code_for(device, offset=1), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/cuenta/perfil/").status_code == 200


def test_the_second_step_also_guards_the_admin_sign_in(ministry):
    client, _ = sign_in(ministry.email)
    set_up(client, ministry)
    admin = Client()
    admin.post("/admin/login/", {"username": ministry.email, "password": PASSWORD})
    assert admin.get("/admin/pages/")["Location"].startswith("/cuenta/dos-pasos/verificar/")


def test_the_next_address_after_the_code_stays_on_the_site(ministry):
    client, _ = sign_in(ministry.email)
    _, device = set_up(client, ministry)
    client, _ = sign_in(ministry.email)
    evil = {"token": code_for(device, offset=1), "next": "https://evil.example/"}
    response = client.post("/cuenta/dos-pasos/verificar/", evil)
    assert response["Location"] == "/mi-aprendizaje/"


def test_repeated_wrong_codes_are_slowed_down(ministry):
    client, _ = sign_in(ministry.email)
    _, device = set_up(client, ministry)
    client, _ = sign_in(ministry.email)
    for _ in range(2):
        client.post("/cuenta/dos-pasos/verificar/", {"token": "000000" if code_for(device) != "000000" else "111111"})
    response = client.post("/cuenta/dos-pasos/verificar/", {"token": code_for(device)})
    assert response.status_code == 200
    assert "Demasiados códigos incorrectos" in soup_of(response).select_one(".error-summary").get_text()


def test_turning_it_off_needs_the_password(ministry):
    client, _ = sign_in(ministry.email)
    set_up(client, ministry)
    wrong = client.post("/cuenta/dos-pasos/desactivar/", {"password": "no-es-esta"})
    assert "Esa contraseña no es correcta." in soup_of(wrong).get_text()
    assert TOTPDevice.objects.filter(user=ministry).exists()
    response = client.post("/cuenta/dos-pasos/desactivar/", {"password": PASSWORD})
    assert response["Location"] == "/cuenta/dos-pasos/"
    assert not TOTPDevice.objects.filter(user=ministry).exists()
    assert ModelLogEntry.objects.filter(action="cocrea.two_factor_disabled", object_id=str(ministry.pk)).exists()


def test_officials_and_coordinators_do_not_get_it(client, official, coordinator):
    for person in (official, coordinator):
        client.force_login(person)
        assert client.get("/cuenta/dos-pasos/activar/").status_code == 403
        assert "/cuenta/dos-pasos/" not in client.get("/cuenta/perfil/").content.decode()


@override_settings(OTP_REQUIRED_FOR_SUPERUSERS=True)
def test_production_makes_superusers_set_it_up_before_anything_else(superuser):
    client, response = sign_in(superuser.email, next_url="/admin/")
    answer = client.get("/admin/")
    assert answer["Location"].startswith("/cuenta/dos-pasos/activar/?next=")
    assert client.get("/cuenta/mis-datos/")["Location"].startswith("/cuenta/dos-pasos/activar/")
    assert client.post("/cuenta/salir/").status_code == 302  # signing out is always possible

    client, _ = sign_in(superuser.email)
    client.get("/cuenta/dos-pasos/activar/")
    device = TOTPDevice.objects.get(user=superuser)
    response = client.post("/cuenta/dos-pasos/activar/?next=/admin/", {"token": code_for(device), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    page = soup_of(client.get("/cuenta/dos-pasos/"))
    assert "Es obligatoria para las cuentas de administración." in page.get_text()
    assert client.get("/cuenta/dos-pasos/desactivar/")["Location"] == "/cuenta/dos-pasos/"


def test_trainers_and_superusers_may_turn_it_on(client, trainer, superuser):
    for person in (trainer, superuser):
        client.force_login(person)
        assert client.get("/cuenta/dos-pasos/activar/").status_code == 200


def test_the_code_forms_carry_on_to_the_page_the_person_was_going_to(ministry):
    client, _ = sign_in(ministry.email)
    setup_form = soup_of(client.get("/cuenta/dos-pasos/activar/?next=/admin/"))
    assert setup_form.select_one("main form input[name=next]")["value"] == "/admin/"
    _, device = set_up(client, ministry)
    client, _ = sign_in(ministry.email)
    verify_form = soup_of(client.get("/cuenta/dos-pasos/verificar/?next=/cuenta/dos-pasos/desactivar/"))
    sent_next = verify_form.select_one("main form input[name=next]")["value"]
    assert sent_next == "/cuenta/dos-pasos/desactivar/"
    response = client.post(
        "/cuenta/dos-pasos/verificar/?next=/cuenta/dos-pasos/desactivar/",
        {"token": code_for(device, offset=1), "next": sent_next},
    )
    assert response["Location"] == "/cuenta/dos-pasos/desactivar/"
