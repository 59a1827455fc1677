"""Each role sees only its own part, checked on the server for every report and export."""

import pytest
from django.core.files.base import ContentFile

from accounts.roles import TRAINER
from reports.models import ReportExport
from tests.factories import UserFactory
from tests.security.authorization import assert_object_access

from .pages import csv_rows, export, screen_rows, screen_table, soup

pytestmark = pytest.mark.django_db

CORONEL_NAMES = ("González", "Hernández")


def test_reportes_leads_each_role_to_its_report(client, ministry, coordinator, official, known):
    client.force_login(ministry)
    assert client.get("/reportes/").url == "/reportes/general/"
    client.force_login(coordinator)
    assert client.get("/reportes/").url == "/reportes/comunas/08110/"
    client.force_login(known.trainer_a)
    assert client.get("/reportes/").url == f"/reportes/cursos/{known.course_a.pk}/"
    client.force_login(official)
    response = client.get("/reportes/")
    assert response.status_code == 403
    assert soup(response).h1.get_text(strip=True) == "No tiene acceso a esta página"


def test_signed_out_visitors_are_sent_to_sign_in(client, known):
    response = client.get("/reportes/general/")
    assert response.status_code == 302 and "/cuenta/ingresar/" in response.url


@pytest.mark.parametrize("url", ["/reportes/general/", "/reportes/comunas/08110/", "/reportes/cursos/{a}/"])
def test_learners_get_403_everywhere(client, official, known, url):
    client.force_login(official)
    assert client.get(url.format(a=known.course_a.pk)).status_code == 403
    assert export(client, "general", "comunas").status_code == 403


def test_talcahuano_coordinator_never_sees_coronel(client, coordinator, known):
    client.force_login(coordinator)
    assert client.get("/reportes/general/").status_code == 403
    assert client.get("/reportes/comunas/08102/").status_code == 403
    assert export(client, "municipio", "funcionarios", subject="08102").status_code == 403
    own = client.get("/reportes/comunas/08110/")
    course = client.get(f"/reportes/cursos/{known.course_a.pk}/")
    exported = export(client, "municipio", "funcionarios", subject="08110")
    for response in (own, course, exported):
        text = response.content.decode()
        assert response.status_code == 200
        assert not any(name in text for name in CORONEL_NAMES)
    # The course report counts only Talcahuano's officials for them.
    assert list(screen_rows(soup(course), "comunas")) == ["Talcahuano"]
    assert screen_rows(soup(course), "embudo")["Inscritos"] == ["6", "100,0 %"]
    # Their officials' quiz results only (t1 passed, t2 did not), and no link to the item analysis.
    assert screen_rows(soup(course), "cuestionarios") == {"Evaluación final": ["2", "1", "50,0 %"]}
    assert soup(course).find("a", string="Evaluación final") is None
    # Coronel is not even offered as a filter, and asking for it is an error, not a filter.
    assert "Coronel" not in soup(own).find("form", class_="filters").get_text()
    refused = client.get(f"/reportes/cursos/{known.course_a.pk}/?comuna=08102")
    assert refused.status_code == 400
    assert "Corrija los filtros" in refused.content.decode()


def test_coronel_coordinator_sees_only_coronel(client, coronel_coordinator, known):
    client.force_login(coronel_coordinator)
    page = soup(client.get("/reportes/comunas/08102/"))
    names = [row[0] for row in screen_table(page, "funcionarios")[1:]]
    assert names == ["C1 González", "C1 González", "C2 Hernández"]
    assert client.get("/reportes/comunas/08110/").status_code == 403


def test_trainer_sees_only_their_courses(client, known):
    client.force_login(known.trainer_a)
    assert client.get(f"/reportes/cursos/{known.course_b.pk}/").status_code == 403
    assert client.get("/reportes/general/").status_code == 403
    assert client.get("/reportes/comunas/08110/").status_code == 403
    assert export(client, "curso", "comunas", subject=str(known.course_b.pk)).status_code == 403
    page = soup(client.get(f"/reportes/cursos/{known.course_a.pk}/"))
    # Outside the ministry, a municipality's figures about fewer than five people are withheld, not marked.
    assert screen_rows(page, "comunas") == {
        "Coronel": ["< 5", "< 5", "< 5", "< 5"],
        "Talcahuano": ["6", "2", "2", "33,3 %"],
    }
    assert page.find("a", string="Talcahuano") is None  # no link to a municipality's names
    rows = csv_rows(export(client, "curso", "comunas", subject=str(known.course_a.pk)).content)
    assert ["Coronel", "", "", "", "", "sí, cifra no mostrada"] in rows  # no figure, and the flag saying why
    assert not any(name in page.get_text() for name in CORONEL_NAMES)
    assert "Curso B" not in soup(client.get(f"/reportes/cursos/{known.course_a.pk}/")).find("main").get_text()


def test_trainer_of_several_courses_switches_between_them(client, known):
    known.course_b.trainers.add(known.trainer_a)
    known.course_b.save()
    client.force_login(known.trainer_a)
    page = soup(client.get(f"/reportes/cursos/{known.course_b.pk}/"))
    links = [link.get_text() for link in page.select(".report-switch a")]
    assert links == ["Curso A de movilidad", "Curso B de datos"]


def test_trainer_without_courses_gets_403(client, known):
    client.force_login(UserFactory(role=TRAINER, municipality=None))
    assert client.get("/reportes/").status_code == 403


def test_unknown_objects_are_not_found(client, ministry, known):
    client.force_login(ministry)
    assert client.get("/reportes/comunas/99999/").status_code == 404
    assert client.get("/reportes/cursos/999999/").status_code == 404
    assert client.get(f"/reportes/cursos/{known.people['t1'].pk}/").status_code == 404


def test_a_stored_export_opens_only_for_the_person_who_asked_for_it(world):
    """Every role that may export owns a ready export; each status page and file opens for its owner alone."""
    owners = ("trainer_x", "trainer_y", "coordinator_talcahuano", "coordinator_coronel", "ministry", "superuser")
    exports = {}
    for role in owners:
        export = ReportExport.objects.create(
            requested_by=world.people[role], report="general", table="comunas", format="csv", rows_total=1
        )
        export.file.save(f"{role}.csv", ContentFile(f"Funcionarios de {role}\n".encode()), save=False)
        export.status = ReportExport.Status.READY
        export.save()
        exports[role] = export
    for address in ("/reportes/exportaciones/{}/", "/reportes/exportaciones/{}/descargar/"):
        assert_object_access(
            world,
            lambda export, address=address: address.format(export.pk),
            exports,
            may_access=lambda role, owner: role == owner,
            secrets_of=lambda export: [export.file.name],
        )
