"""Exports hold the same rows and figures as the screen, for the whole filtered set, in files a spreadsheet opens
ready to use: one header row, numbers as numbers, dates as dates, flags in their own column; CSV as a Chilean
Excel reads it for the Spanish interface, as an English one for the English interface."""

import datetime

import pytest
from django.test import override_settings
from django.utils import translation

from reports.models import ReportExport

from .pages import (
    csv_rows,
    csv_value,
    export,
    screen_table,
    screen_value,
    soup,
    xlsx_rows,
    xlsx_sheets,
    xlsx_value,
)

pytestmark = pytest.mark.django_db

FLAG = "Grupo pequeño (menos de 5 personas)"


def file_table(response, fmt, delimiter=";", decimal=","):
    """The export's table: header row and data rows as comparable values (CSV: up to the empty line)."""
    if fmt == "xlsx":
        sheet = xlsx_sheets(response.content).worksheets[0]
        with translation.override("es"):
            return [[xlsx_value(cell) for cell in row] for row in sheet.iter_rows()]
    rows = csv_rows(response.content, delimiter)
    table = rows[: rows.index([])]
    return [table[0]] + [[csv_value(text, decimal) for text in row] for row in table[1:]]


def assert_file_equals_screen(table, page, key):
    """Header and every row of the screen's table, value for value (the file may add the flag column)."""
    screen = screen_table(page, key)
    assert table[0][: len(screen[0])] == screen[0]
    assert len(table) == len(screen)
    for file_row, screen_row in zip(table[1:], screen[1:], strict=True):
        assert file_row[: len(screen_row)] == [screen_value(text) for text in screen_row]
    return table


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("key", ["matriz", "comunas", "cursos", "meses"])
def test_overview_exports_equal_screen(client, ministry, known, key, fmt):
    client.force_login(ministry)
    query = "region=08&medida=rate"
    page = soup(client.get(f"/reportes/general/?{query}"))
    response = export(client, "general", key, fmt, query=query)
    assert response.status_code == 200
    assert f".{fmt}" in response["Content-Disposition"]
    table = assert_file_equals_screen(file_table(response, fmt), page, key)
    if key == "comunas":
        assert table[0][-1] == FLAG
        coronel = next(row for row in table if row[0] == "Coronel")
        assert coronel[1:6] == [3, 1, 2, 66.7, 2] and coronel[-1] == "sí"  # numbers, and the flag apart
        talcahuano = next(row for row in table if row[0] == "Talcahuano")
        assert talcahuano[-1] == ""
    if key == "meses":
        assert FLAG not in table[0]


def test_xlsx_is_ready_to_use_in_excel(client, ministry, known):
    client.force_login(ministry)
    response = export(client, "general", "comunas", "xlsx", query="region=08")
    book = xlsx_sheets(response.content)
    sheet, about = book.worksheets
    header = [cell.value for cell in sheet[1]]
    assert header == [
        "Municipalidad",
        "Inscritos",
        "En curso",
        "Completados",
        "Tasa de finalización",
        "Certificados emitidos",
        FLAG,
    ]
    assert sheet.freeze_panes == "B2"
    body = len(screen_table(soup(client.get("/reportes/general/?region=08")), "comunas")) - 2  # header, total
    assert sheet.auto_filter.ref == f"A1:G{body + 1}"  # the totals row stays out of sorting and filtering
    coronel = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "Coronel")
    assert [cell.value for cell in coronel[1:4]] == [3, 1, 2]
    assert all(cell.number_format == "General" and isinstance(cell.value, int) for cell in coronel[1:4])
    assert coronel[4].value == pytest.approx(0.667) and coronel[4].number_format == "0.0%"  # "66,7 %" in es-CL
    total = list(sheet.iter_rows())[-1]
    assert total[0].value == "Total" and total[1].value == sum(
        row[1].value for row in sheet.iter_rows(min_row=2, max_row=body + 1)
    )
    assert sheet.column_dimensions["A"].width >= len("Talcahuano") and sheet.column_dimensions["G"].width > 20
    facts = {row[0].value: row[1].value for row in about.iter_rows()}
    assert facts["Reporte"] == "Panorama general · Finalización por comuna"
    assert facts["Filtros"] == "Región: Biobío"
    assert facts["Cifras al"]
    assert book.properties.title == "Panorama general · Finalización por comuna"


def test_spanish_csv_is_for_a_chilean_excel(client, ministry, known):
    client.force_login(ministry)
    content = export(client, "general", "comunas", "csv", query="region=08").content
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Municipalidad;Inscritos;En curso;Completados;Tasa de finalización;")
    assert "Coronel;3;1;2;66,7%;2;sí" in text
    rows = csv_rows(content)
    after = rows[rows.index([]) + 1 :]
    assert [row[0] for row in after][:2] == [
        "Reporte: Panorama general · Finalización por comuna",
        "Filtros: Región: Biobío",
    ]
    assert after[2][0].startswith("Cifras al: ")


def test_english_csv_keeps_commas_and_a_decimal_point(client, ministry, known):
    client.force_login(ministry)
    content = client.post(
        "/en/reportes/exportar/",
        {"report": "general", "subject": "", "table": "comunas", "format": "csv", "query": "region=08"},
    ).content
    rows = csv_rows(content, delimiter=",")
    assert rows[0][:5] == ["Municipality", "Enrolled", "In progress", "Completed", "Completion rate"]
    coronel = next(row for row in rows if row and row[0] == "Coronel")
    assert coronel == ["Coronel", "3", "1", "2", "66.7%", "2", "yes"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_officials_export_has_every_row_not_only_the_page(client, coordinator, known, fmt, settings):
    client.force_login(coordinator)
    with override_settings(REPORTS_PAGE_SIZE=3):
        page = soup(client.get("/reportes/comunas/08110/?cargo=tr%C3%A1nsito"))
        assert len(screen_table(page, "funcionarios")) == 1 + 3  # header and the first page
        assert "Página 1 de 2" in page.get_text()
    response = export(client, "municipio", "funcionarios", fmt, subject="08110", query="cargo=tránsito")
    full_screen = soup(client.get("/reportes/comunas/08110/?cargo=tr%C3%A1nsito"))
    table = assert_file_equals_screen(file_table(response, fmt), full_screen, "funcionarios")
    assert [row[0] for row in table[1:]] == ["T1 Alarcón", "T1 Alarcón", "T3 Carrasco", "T6 Fuentes"]
    t1_a = table[1]
    assert t1_a[2] == 100.0 and t1_a[3] == "4 de 4"  # progress as a number, the fraction beside it
    assert isinstance(t1_a[5], datetime.date)  # completed on: a date
    assert table[3][4] == ""  # not stalled: an empty flag


def test_withheld_figures_are_empty_cells_with_their_flag(client, known):
    """A trainer's course report withholds Coronel's small group: no number, the flag says why."""
    client.force_login(known.trainer_a)
    response = export(client, "curso", "comunas", "xlsx", subject=str(known.course_a.pk))
    rows = xlsx_rows(response.content)
    assert rows[0][-1] == FLAG
    coronel = next(row for row in rows if row[0] == "Coronel")
    assert coronel[1:5] == ["", "", "", ""] and coronel[-1] == "sí, cifra no mostrada"


def test_course_exports_equal_screen(client, ministry, known):
    client.force_login(ministry)
    page = soup(client.get(f"/reportes/cursos/{known.course_a.pk}/"))
    for key in ("embudo", "comunas", "cuestionarios"):
        for fmt in ("csv", "xlsx"):
            response = export(client, "curso", key, fmt, subject=str(known.course_a.pk))
            assert_file_equals_screen(file_table(response, fmt), page, key)


def test_cells_that_look_like_formulas_stay_text(client, coordinator, known):
    known.people["t2"].first_name = '=HYPERLINK("http://evil.example")'
    known.people["t2"].save()
    client.force_login(coordinator)
    rows = csv_rows(export(client, "municipio", "funcionarios", subject="08110").content)
    assert '\'=HYPERLINK("http://evil.example") Bravo' in [row[0] for row in rows if row]
    xlsx = xlsx_rows(export(client, "municipio", "funcionarios", "xlsx", subject="08110").content)
    assert '\'=HYPERLINK("http://evil.example") Bravo' in [row[0] for row in xlsx]


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
    assert queued.language == "es"
    # Without a broker the task ran in-process at commit.
    queued.refresh_from_db()
    assert queued.status == ReportExport.Status.READY and queued.rows_done == queued.rows_total == 7
    page = soup(client.get(response.url))
    assert "Su archivo está listo." in page.get_text()
    download = client.get(page.find("a", string="Descargar el archivo")["href"])
    response.content = b"".join(download.streaming_content)
    screen = soup(client.get("/reportes/comunas/08110/?dias=7"))
    assert_file_equals_screen(file_table(response, "xlsx"), screen, "funcionarios")
    about = xlsx_sheets(response.content).worksheets[1]
    assert ["Filtros", "Estancado tras estos días sin actividad: 7"] in [
        [c.value for c in row] for row in about.iter_rows()
    ]


@override_settings(REPORTS_INLINE_EXPORT_ROWS=2)
def test_a_background_export_keeps_the_language_it_was_asked_in(
    client, coordinator, known, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/reportes/exportar/",
            {"report": "municipio", "subject": "08110", "table": "funcionarios", "format": "csv", "query": ""},
        )
    queued = ReportExport.objects.get()
    queued.refresh_from_db()
    assert queued.language == "en" and queued.status == ReportExport.Status.READY
    rows = csv_rows(queued.file.read(), delimiter=",")
    assert rows[0][:3] == ["Official", "Course", "Progress"]


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
