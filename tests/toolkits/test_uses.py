"""“Usé este método”: signed-in officials start a practice record (the practices app; see
``tests/practices/test_records.py``); others are asked to sign in. Uses recorded before practices existed stay as
they were (exported, erased, protecting their method)."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from hypothesis import given

from accounts.personal_data import erase_personal_data, export_personal_data
from practices.forms import EARLIEST
from practices.models import Practice
from tests.factories import PASSWORD
from tests.security.hostile import HOSTILE, assert_survives, form_data, rolled_back, snapshot
from toolkits.models import MethodPage, MethodUse

from .conftest import soup_of


@pytest.fixture
def method(make_method):
    return make_method("Mapa de actores")


def record_address(method):
    return method.url + "registrar-uso/"


def test_people_not_signed_in_are_sent_to_sign_in_and_back(client, method):
    soup = soup_of(client.get(method.url))
    link = soup.select_one("#usos a[href^='/cuenta/ingresar/']")
    assert link.get_text(strip=True) == "Ingrese para registrar que usó este método"
    assert link["href"] == "/cuenta/ingresar/?next=" + record_address(method)
    for response in (
        client.get(record_address(method)),
        client.post(record_address(method), {"used_on": "2024-05-02"}),
    ):
        assert response.status_code == 302
        assert response["Location"] == "/cuenta/ingresar/?next=" + record_address(method)
    assert not Practice.objects.exists()


def test_signing_in_from_the_link_lands_on_the_form(client, method, official):
    login = client.post(
        "/cuenta/ingresar/?next=" + record_address(method),
        {"username": official.email, "password": PASSWORD, "next": record_address(method)},
    )
    assert login.status_code == 302 and login["Location"] == record_address(method)
    soup = soup_of(client.get(record_address(method)))
    assert soup.h1.get_text(strip=True) == "Usé «Mapa de actores»"


def test_the_database_keeps_one_use_per_person_method_and_day(method, official):
    MethodUse.objects.create(method=method, user=official, municipality=official.municipality, used_on="2024-05-02")
    with pytest.raises(IntegrityError), transaction.atomic():
        MethodUse.objects.create(method=method, user=official, municipality=official.municipality, used_on="2024-05-02")


@pytest.mark.parametrize(
    ("used_on", "message"),
    [
        ("tomorrow", "La fecha no puede ser futura."),
        ("2013-12-31", "La fecha no puede ser anterior a enero de 2014"),
        ("no es fecha", "Ingrese una fecha válida."),
        ("", "Este campo es necesario."),
    ],
)
def test_bad_dates_get_a_clear_message(client, method, official, used_on, message):
    if used_on == "tomorrow":  # read when the test runs: the suite may cross midnight after collecting it
        used_on = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    client.force_login(official)
    response = client.post(record_address(method), {"used_on": used_on, "municipality": official.municipality_id})
    assert response.status_code == 200
    assert message in soup_of(response).select_one(".error-summary").get_text()
    assert not Practice.objects.exists()


def test_ministry_staff_without_a_municipality_choose_one(client, method, ministry, coronel):
    client.force_login(ministry)
    response = client.post(record_address(method), {"used_on": "2024-05-02", "municipality": ""})
    assert "Este campo es necesario." in soup_of(response).select_one(".error-summary").get_text()
    client.post(record_address(method), {"used_on": "2024-05-02", "municipality": coronel.pk})
    assert Practice.objects.get().municipality == coronel


def test_a_used_method_cannot_be_deleted_in_the_admin(admin_client, method, official):
    """Recorded uses protect their method: Wagtail's delete view explains it and deleting does nothing."""
    MethodUse.objects.create(method=method, user=official, municipality=official.municipality, used_on="2024-05-02")
    response = admin_client.get(f"/admin/pages/{method.pk}/delete/")
    assert "Una o más referencias a este elemento (método) impiden eliminarlo." in " ".join(
        soup_of(response).select_one("main").get_text().split()
    )
    admin_client.post(f"/admin/pages/{method.pk}/delete/")
    assert MethodPage.objects.filter(pk=method.pk).exists()
    assert MethodUse.objects.count() == 1


def test_a_persons_uses_are_in_their_data_and_erasure_keeps_only_the_counts(method, official):
    MethodUse.objects.create(
        method=method,
        user=official,
        municipality=official.municipality,
        used_on="2024-05-02",
        note="Con Rosa, de la JJVV",
    )
    exported = export_personal_data(official)["toolkit_method_uses"]
    assert exported == [
        {
            "method": "Mapa de actores",
            "used_on": datetime.date(2024, 5, 2),
            "municipality": "Talcahuano",
            "note": "Con Rosa, de la JJVV",
            "recorded_at": MethodUse.objects.get().created_at,
        }
    ]
    erase_personal_data(official)
    assert MethodUse.objects.get().note == ""
    assert MethodUse.objects.filter(method=method).summary() == {"times": 1, "municipalities": 1}


@HOSTILE
@given(data=form_data({"used_on": "2024-05-02", "municipality": None, "note": "Con la junta de vecinos."}))
def test_recording_a_use_survives_hostile_input(method, official, data):
    if data.get("municipality") is None:
        data["municipality"] = str(official.municipality_id)
    client = Client()
    client.force_login(official)

    def one_sound_practice(response):
        practice = Practice.objects.get()
        assert response["Location"] == f"/mis-practicas/{practice.pk}/"
        assert (practice.author, practice.methods.get().pk) == (official, method.pk)
        assert EARLIEST <= practice.done_on <= timezone.localdate() and len(practice.learned) <= 280

    with rolled_back():
        before = snapshot(Practice.objects.order_by("pk"))
        response = client.post(record_address(method), data)
        assert_survives(response, before, snapshot(Practice.objects.order_by("pk")), accepted=one_sound_practice)


@HOSTILE
@given(
    query=form_data(
        ["q", "componente", "fase", "resultado", "duracion", "grupo", "dificultad", "canal", "orden", "pagina"]
    )
)
def test_the_library_survives_hostile_addresses(client, method, query):
    query = {name: value for name, value in query.items() if not hasattr(value, "read")}
    response = client.get("/herramientas/", query)
    soup = soup_of(response)
    if response.status_code == 200:
        assert soup.select_one("#results-heading")
    else:  # a NUL character (400) or an address too long for the site (414): a Spanish error page
        assert response.status_code in (400, 414) and soup.html["lang"] == "es"
