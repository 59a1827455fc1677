import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from accounts.models import Municipality, User
from accounts.roles import OFFICIAL

SIGNUP_URL = "/cuenta/registro/"


def valid_data(comuna, **overrides):
    data = {
        "first_name": "José",
        "last_name": "Ñúñez Muñoz",
        "email": "Jose.Nunez@Talcahuano.test",
        "municipality": str(comuna.pk),
        "position": "Dirección de Tránsito",
        "password1": "micros-y-paraderos-2014",
        "password2": "micros-y-paraderos-2014",
        "accept_privacy": "on",
    }
    data.update(overrides)
    return data


def error_texts(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(" ", strip=True) for li in soup.select(".errorlist li")]


def test_signup_address_is_stable():
    assert reverse("accounts:signup") == SIGNUP_URL


def test_signup_page_offers_the_comunas_in_spanish(client, db):
    response = client.get(SIGNUP_URL)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "es"
    assert soup.h1.get_text(strip=True) == "Crear una cuenta"
    options = [option.get_text(strip=True) for option in soup.select("select[name=municipality] option")]
    assert "Talcahuano" in options and "Santa Juana" in options
    assert len(options) == 12  # the empty choice and the 11 comunas of Gran Concepción
    privacy_link = soup.select_one("label[for=id_accept_privacy] a")
    assert privacy_link["href"] == "/privacidad/"


def test_signup_creates_an_official_and_signs_them_in(client, talcahuano):
    response = client.post(SIGNUP_URL, valid_data(talcahuano))
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "jose.nunez@talcahuano.test"
    assert user.get_full_name() == "José Ñúñez Muñoz"
    assert user.municipality == talcahuano
    assert user.position == "Dirección de Tránsito"
    assert user.privacy_accepted_at is not None
    assert list(user.groups.values_list("name", flat=True)) == [OFFICIAL.group_name]
    assert int(client.session["_auth_user_id"]) == user.pk


def test_signup_returns_to_the_page_it_came_from(client, talcahuano):
    response = client.post(f"{SIGNUP_URL}?next=/cursos/", valid_data(talcahuano))
    assert response["Location"] == "/cursos/"


def test_signup_ignores_a_next_address_on_another_site(client, talcahuano):
    response = client.post(f"{SIGNUP_URL}?next=https://evil.example/", valid_data(talcahuano))
    assert response["Location"] == "/mi-aprendizaje/"


def test_duplicate_email_is_refused_whatever_its_capitals(client, official):
    response = client.post(SIGNUP_URL, valid_data(official.municipality, email=official.email.upper()))
    assert response.status_code == 200
    assert any("Ya existe una cuenta con este correo" in text for text in error_texts(response))
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("corta1", "es demasiado corta"),
        ("12345678901", "completamente numérica"),
        ("password123", "demasiado común"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(client, talcahuano, password, message):
    response = client.post(SIGNUP_URL, valid_data(talcahuano, password1=password, password2=password))
    assert response.status_code == 200
    assert any(message in text for text in error_texts(response)), error_texts(response)
    assert not User.objects.exists()


def test_mismatched_passwords_are_refused(client, talcahuano):
    response = client.post(SIGNUP_URL, valid_data(talcahuano, password2="otra-clave-distinta-99"))
    assert any("no coinciden" in text for text in error_texts(response))
    assert not User.objects.exists()


@pytest.mark.parametrize("value", ["999999", "texto", ""])
def test_unknown_municipality_is_refused(client, talcahuano, value):
    response = client.post(SIGNUP_URL, valid_data(talcahuano, municipality=value))
    assert response.status_code == 200
    texts = error_texts(response)
    assert "Elija su municipalidad de la lista." in texts
    assert not User.objects.exists()


def test_privacy_consent_is_required(client, talcahuano):
    data = valid_data(talcahuano)
    del data["accept_privacy"]
    response = client.post(SIGNUP_URL, data)
    assert any("aceptar el aviso de privacidad" in text for text in error_texts(response))
    assert not User.objects.exists()


def test_errors_keep_what_was_typed_and_are_summarised_with_links(client, talcahuano):
    response = client.post(SIGNUP_URL, valid_data(talcahuano, email="no-es-un-correo"))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("input[name=first_name]")["value"] == "José"
    assert soup.select_one("input[name=position]")["value"] == "Dirección de Tránsito"
    summary = soup.select_one(".error-summary[role=alert]")
    assert summary.select_one("a[href='#id_email']")
    assert soup.select_one("input[name=email]")["aria-invalid"] == "true"


def test_a_new_comuna_added_in_the_admin_can_be_chosen(client, db):
    lebu = Municipality.objects.create(code="08201", name="Lebu", region="08")
    response = client.post(SIGNUP_URL, valid_data(lebu, email="ana@lebu.test"))
    assert response.status_code == 302
    assert User.objects.get().municipality == lebu


def test_signed_in_people_go_to_their_profile(client, official):
    client.force_login(official)
    assert client.get(SIGNUP_URL)["Location"] == "/cuenta/perfil/"


def test_the_error_summary_takes_focus_and_names_each_field(client, db):
    soup = BeautifulSoup(client.post(SIGNUP_URL, {}).content, "html.parser")
    assert [tag.get("class") for tag in soup.select("[autofocus]")] == [["error-summary"]]
    assert soup.select_one(".error-summary")["tabindex"] == "-1"
    links = [a.get_text(strip=True) for a in soup.select(".error-summary a")]
    assert links[:2] == ["Nombres: Este campo es necesario.", "Apellidos: Este campo es necesario."]
    assert "Para crear una cuenta debe aceptar el aviso de privacidad." in links


def test_no_field_takes_focus_before_the_person_reads_the_page(client, db):
    soup = BeautifulSoup(client.get(SIGNUP_URL).content, "html.parser")
    assert not soup.select("[autofocus]")
