"""The reports demo: officials in all eleven comunas, completions over recent months, a few stalled."""

import io

from accounts.gran_concepcion import GRAN_CONCEPCION
from accounts.models import User
from courses.models import Enrolment
from reports import demo as reports_demo

from .pages import screen_rows, screen_table, soup


def test_every_comuna_has_officials_training(client, demo):
    client.force_login(User.objects.get(email="ministerio@cocrea.test"))
    page = soup(client.get("/reportes/general/"))
    rows = screen_rows(page, "comunas")
    assert len(rows) == 12  # eleven comunas and the total
    for _code, name in GRAN_CONCEPCION:
        enrolled = int(rows[name][0].split()[0])
        assert enrolled >= 1, name
    assert "Cifras al" in page.get_text()  # the demo rebuilt the summaries
    months = [int(value[0]) for value in screen_rows(page, "meses").values()]
    assert sum(1 for count in months if count) >= 4  # completions spread over recent months


def test_talcahuano_coordinator_sees_stalled_officials(client, demo):
    client.force_login(User.objects.get(email="coordinacion.talcahuano@cocrea.test"))
    response = client.get("/reportes/", follow=True)
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Funcionarios de Talcahuano"
    stalled = [row[0] for row in screen_table(page, "funcionarios")[1:] if "Estancado" in row]
    assert "Joaquín Fuentes Yáñez" in stalled and "Agustín Vidal Ortega" in stalled
    assert "Emilia Soto Arancibia" not in stalled


def test_trainer_lands_on_their_course(client, demo):
    client.force_login(User.objects.get(email="formadora@cocrea.test"))
    page = soup(client.get("/reportes/", follow=True))
    funnel = screen_rows(page, "embudo")
    assert int(funnel["Inscritos"][0]) > int(funnel["Completados"][0]) > 0


def test_loading_again_changes_nothing(demo):
    before = Enrolment.objects.count()
    reports_demo.load(io.StringIO())
    assert Enrolment.objects.count() == before
