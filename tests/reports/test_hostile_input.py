"""The reports' filters (GET) and the export endpoint (POST) survive hostile input (``tests/security/hostile.py``)."""

import pytest
from bs4 import BeautifulSoup
from hypothesis import given

from reports.models import ReportExport
from tests.security.hostile import HOSTILE, form_data, refused_before_any_view, rolled_back, snapshot

FILTERS = {
    "desde": "2026-01-01",
    "hasta": "2026-12-31",
    "curso": "1",
    "comuna": "08110",
    "region": "08",
    "cargo": "Secplan",
    "medida": "rate",
    "dias": "30",
    "estancados": "on",
    "pagina": "2",
}


def assert_report_page(response):
    """A report, the same page saying which filter is wrong (400), or the site's own refusal before any view."""
    if refused_before_any_view(response):
        return
    assert response.status_code in (200, 400), response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "es" and soup.h1.get_text(strip=True)
    if response.status_code == 400:
        assert soup.select_one(".error-summary").get_text(strip=True)
    if response.status_code == 200:
        assert soup.find("table")


@pytest.fixture
def pages(known):
    return [
        "/reportes/general/",
        "/reportes/comunas/08110/",
        f"/reportes/cursos/{known.course_a.pk}/",
    ]


@HOSTILE
@given(data=form_data(FILTERS, extra_fields=False))
def test_report_filters_survive_hostile_input(client, ministry, pages, data):
    client.force_login(ministry)
    for url in pages:
        assert_report_page(client.get(url, data))


@pytest.mark.parametrize("course", ["9223372036854775808", str(2**31), "-1", "1e3", "٣"])
def test_a_course_id_no_page_could_have_is_a_filter_error(client, ministry, pages, course):
    """Found by the test above: an id past the database's integers reached the query (a 500 on SQLite)."""
    client.force_login(ministry)
    for url in pages[:2]:
        response = client.get(url, {"curso": course})
        assert response.status_code == 400
        assert "curso" in BeautifulSoup(response.content, "html.parser").select_one(".error-summary").decode()


@HOSTILE
@given(
    data=form_data(
        {
            "report": "municipio",
            "subject": "08110",
            "table": "funcionarios",
            "format": "csv",
            "query": "cargo=secplan&dias=7",
        }
    )
)
def test_export_survives_hostile_input(client, coordinator, known, data):
    """Whatever is posted: a file of the coordinator's own municipality, a queued export, or a refusal page."""
    client.force_login(coordinator)
    with rolled_back():
        before = snapshot(ReportExport.objects.all())
        response = client.post("/reportes/exportar/", data)
        assert response.status_code < 500
        if response.status_code == 200:
            assert "attachment" in response["Content-Disposition"]
            assert "González" not in response.content.decode("utf-8", "replace")  # never Coronel's officials
            return
        if response.status_code == 302:
            assert ReportExport.objects.filter(requested_by=coordinator).exists()
            return
        assert before == snapshot(ReportExport.objects.all())
        soup = BeautifulSoup(response.content, "html.parser")
        assert response.status_code in (400, 403, 404)
        assert soup.html["lang"] == "es" and soup.h1.get_text(strip=True)
