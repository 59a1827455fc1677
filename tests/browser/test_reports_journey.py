"""Ministry staff read the reports (issue 8, journey 3): from the main menu to the overview, filtered to one
municipality, and the CSV of a table holds the rows the screen shows.

The data set is the reports' own hand-computed one (``tests/reports/conftest.py``).
"""

import re

from playwright.sync_api import expect

from tests.reports.conftest import known  # noqa: F401  (the fixture, shared with the reports' tests)
from tests.reports.pages import csv_rows, csv_value, screen_value

from .steps import assert_fits_the_screen

VISIBLE_TEXT = """cell => {
    const copy = cell.cloneNode(true);
    copy.querySelectorAll(".visually-hidden").forEach(hidden => hidden.remove());
    return copy.textContent;
}"""


def screen_rows(page, key):
    """The rows of report table ``key`` (header, body and footer) as the screen shows them (without the words
    only screen readers get)."""
    table = page.locator(f"table:has(#table-{key})")
    rows = []
    for row in table.locator("tr").all():
        cells = row.locator("th, td").all()
        rows.append([" ".join(cell.evaluate(VISIBLE_TEXT).split()) for cell in cells])
    return rows


def test_ministry_filters_the_overview_by_a_municipality_and_downloads_the_csv(page, ministry, known, log_in):  # noqa: F811
    log_in(page, ministry)
    page.goto("/")
    page.locator("header").get_by_role("link", name="Reportes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Capacitación en las comunas")

    page.locator("summary", has_text="Filtros").click()
    page.get_by_label("Municipalidad").select_option(label="Talcahuano")
    page.get_by_role("button", name="Aplicar filtros").click()
    expect(page).to_have_url(re.compile(r"comuna=08110"))
    assert_fits_the_screen(page)

    courses = page.locator("section").filter(has=page.get_by_role("heading", name="Cursos", exact=True))
    screen = screen_rows(courses, "cursos")
    talcahuano_a = next(row for row in screen if row[0] == known.course_a.title)
    assert talcahuano_a[1] == "6"  # t1–t6 enrolled in course A; Coronel's two officials filtered out

    with page.expect_download() as download:
        courses.get_by_role("button", name="CSV").click()
    with open(download.value.path(), "rb") as file:
        rows = csv_rows(file.read())
    assert rows[0][: len(screen[0])] == screen[0]  # one header row: the screen's, and the small-group flag
    for file_row, screen_row in zip(rows[1 : len(screen)], screen[1:], strict=True):
        assert [csv_value(text) for text in file_row[: len(screen_row)]] == [screen_value(text) for text in screen_row]
    filters = next(row[0] for row in rows if row and row[0].startswith("Filtros: "))
    assert "Talcahuano" in filters
