"""Exports hold the same rows and figures as the screen, for the whole filtered set, under a filters row."""

import pytest
from django.test import override_settings

from reports.models import ReportExport

from .pages import csv_rows, export, figure, screen_table, soup, xlsx_rows

pytestmark = pytest.mark.django_db


def as_figures(rows):
    """Rows as comparable figures, without the empty cells a spreadsheet may add at the end of a row."""
    figures = []
    for row in rows:
        values = [figure(value) for value in row]
        while values and values[-1] == "":
            values.pop()
        figures.append(values)
    return figures


def assert_export_equals_screen(content_rows, page, key):
    """Title, filters, then the screen's table (header, body, footer) cell for cell, then the notes."""
    screen = screen_table(page, key)
    body = content_rows[2 : 2 + len(screen)]
    assert as_figures(body) == as_figures(screen)
    return content_rows[:2], content_rows[2 + len(screen) :]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("key", ["matriz", "comunas", "cursos", "meses"])
def test_overview_exports_equal_screen(client, ministry, known, key, fmt):
    client.force_login(ministry)
    query = "region=08&medida=rate"
    page = soup(client.get(f"/reportes/general/?{query}"))
    response = export(client, "general", key, fmt, query=query)
    assert response.status_code == 200
    assert f".{fmt}" in response["Content-Disposition"]
    rows = csv_rows(response.content) if fmt == "csv" else xlsx_rows(response.content)
    (title, filters), notes = assert_export_equals_screen(rows, page, key)
    assert title[0].startswith("Panorama general · ")
    assert filters[0] == "Filtros: Región: Biobío; Cifra que muestra la matriz: Tasa de finalización"
    if key != "meses":
        assert notes[0][0].startswith("* Menos de 5 personas")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_officials_export_has_every_row_not_only_the_page(client, coordinator, known, fmt, settings):
    client.force_login(coordinator)
    with override_settings(REPORTS_PAGE_SIZE=3):
        page = soup(client.get("/reportes/comunas/08110/?cargo=tr%C3%A1nsito"))
        screen = screen_table(page, "funcionarios")
        assert len(screen) == 1 + 3  # header and the first page
        assert "Página 1 de 2" in page.get_text()
    rows = export(client, "municipio", "funcionarios", fmt, subject="08110", query="cargo=tránsito")
    rows = csv_rows(rows.content) if fmt == "csv" else xlsx_rows(rows.content)
    assert rows[1][0] == "Filtros: Cargo o departamento contiene: tránsito"
    full_screen = screen_table(soup(client.get("/reportes/comunas/08110/?cargo=tr%C3%A1nsito")), "funcionarios")
    assert as_figures(rows[2:]) == as_figures(full_screen)
    assert [row[0] for row in rows[3:]] == ["T1 Alarcón", "T1 Alarcón", "T3 Carrasco", "T6 Fuentes"]


def test_course_exports_equal_screen(client, ministry, known):
    client.force_login(ministry)
    page = soup(client.get(f"/reportes/cursos/{known.course_a.pk}/"))
    for key in ("embudo", "comunas"):
        rows = csv_rows(export(client, "curso", key, subject=str(known.course_a.pk)).content)
        assert_export_equals_screen(rows, page, key)
        assert rows[1] == ["Filtros: ninguno (todos los registros a su alcance)"]


def test_cells_that_look_like_formulas_stay_text(client, coordinator, known):
    known.people["t2"].first_name = '=HYPERLINK("http://evil.example")'
    known.people["t2"].save()
    client.force_login(coordinator)
    rows = csv_rows(export(client, "municipio", "funcionarios", subject="08110").content)
    assert '\'=HYPERLINK("http://evil.example") Bravo' in [row[0] for row in rows]


def test_bad_export_requests(client, ministry, known):
    client.force_login(ministry)
    assert export(client, "general", "no-such-table").status_code == 404
    assert export(client, "nothing", "comunas").status_code == 400
    assert export(client, "general", "comunas", fmt="pdf").status_code == 400
    bad_filter = export(client, "general", "comunas", query="desde=ayer")
    assert bad_filter.status_code == 404
    assert client.get("/reportes/exportar/").status_code == 405


@override_settings(REPORTS_INLINE_EXPORT_ROWS=2)
def test_large_exports_are_built_in_the_background(client, coordinator, known, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = export(client, "municipio", "funcionarios", "xlsx", subject="08110", query="dias=7")
    queued = ReportExport.objects.get()
    assert response.status_code == 302 and response.url == f"/reportes/exportaciones/{queued.pk}/"
    # Without a broker the task ran in-process at commit.
    queued.refresh_from_db()
    assert queued.status == ReportExport.Status.READY and queued.rows_done == queued.rows_total == 7
    page = soup(client.get(response.url))
    assert "Su archivo está listo." in page.get_text()
    download = client.get(page.find("a", string="Descargar el archivo")["href"])
    rows = xlsx_rows(b"".join(download.streaming_content))
    screen = screen_table(soup(client.get("/reportes/comunas/08110/?dias=7")), "funcionarios")
    assert as_figures(rows[2 : 2 + len(screen)]) == as_figures(screen)
    assert rows[1][0] == "Filtros: Estancado tras estos días sin actividad: 7"


@override_settings(REPORTS_INLINE_EXPORT_ROWS=2)
def test_only_the_owner_sees_an_export(client, coordinator, coronel_coordinator, ministry, known):
    client.force_login(coordinator)
    response = export(client, "municipio", "funcionarios", subject="08110")
    for other in (coronel_coordinator, ministry):
        client.force_login(other)
        assert client.get(response.url).status_code == 403
        assert client.get(response.url + "descargar/").status_code == 403


def test_pending_export_shows_progress(client, coordinator, known):
    export_record = ReportExport.objects.create(
        requested_by=coordinator,
        report="municipio",
        subject="08110",
        table="funcionarios",
        format="csv",
        rows_total=200,
        rows_done=50,
    )
    client.force_login(coordinator)
    page = soup(client.get(f"/reportes/exportaciones/{export_record.pk}/"))
    assert "En preparación: 25 %" in page.get_text()
    assert page.find("progress")["value"] == "25"
    assert client.get(f"/reportes/exportaciones/{export_record.pk}/descargar/").status_code == 404


def test_an_export_whose_owner_lost_access_fails(coordinator, known):
    from reports import services

    record = ReportExport.objects.create(
        requested_by=coordinator, report="municipio", subject="08102", table="funcionarios", format="csv"
    )
    services.build_export(str(record.pk))
    record.refresh_from_db()
    assert record.status == ReportExport.Status.FAILED and not record.file
