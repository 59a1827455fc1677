"""Reports read on a phone (360 px) and a desktop (1280 px): no page wider than the screen, text columns to the
left and figures to the right in tabular digits, the row's name in view while a wide table scrolls, every column
of the officials' table on a desktop screen (or a hint to scroll on a phone), chart labels at least 12 px tall."""

import pytest

from tests.reports.conftest import known  # noqa: F401  (the fixture, shared with the reports' tests)

from .steps import assert_fits_the_screen

# Runs in the page: the rendered size of each chart label, in CSS pixels (an SVG's text scales with the drawing).
CHART_LABEL_SIZES = """() => Array.from(document.querySelectorAll(
        ".chart-label, .chart-value, .report-bars__label, .report-bars__value, .report-chart__title"))
    .map(element => {
        const size = parseFloat(getComputedStyle(element).fontSize);
        const svg = element.closest("svg");
        if (!svg) return size;
        return size * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    })"""

# Runs in the page: how each report table aligns its cells, and whether its box scrolls.
TABLE_LAYOUT = """() => Array.from(document.querySelectorAll(".report-table")).map(box => {
    const cells = selector => Array.from(box.querySelectorAll(selector)).map(cell => getComputedStyle(cell));
    return {
        key: box.querySelector("caption").id,
        scrolls: box.scrollWidth > box.clientWidth + 1,
        names: cells("th[scope=row]").map(style => [style.textAlign, style.position]),
        texts: cells("td.report-cell--text").map(style => style.textAlign),
        figures: cells("td.report-cell--figure").map(style => [style.textAlign, style.fontVariantNumeric]),
        hint: Boolean(box.previousElementSibling && box.previousElementSibling.matches(".report-table__hint")),
    };
})"""


def report_pages(known):  # noqa: F811
    return [
        "/reportes/general/?region=08&medida=rate",
        "/reportes/comunas/08110/",
        f"/reportes/cursos/{known.course_a.pk}/",
    ]


def check_layout(page, url):
    page.goto(url)
    assert_fits_the_screen(page)
    sizes = page.evaluate(CHART_LABEL_SIZES)
    assert all(size >= 12 for size in sizes), (url, sorted(sizes)[:3])
    tables = page.evaluate(TABLE_LAYOUT)
    assert tables, url
    for table in tables:
        assert all(align in ("left", "start") for align, _position in table["names"]), table["key"]
        assert all(position == "sticky" for _align, position in table["names"]), table["key"]
        assert all(align in ("left", "start") for align in table["texts"]), table["key"]
        assert all(align == "right" and "tabular-nums" in digits for align, digits in table["figures"]), table["key"]
        if table["scrolls"]:
            assert table["hint"], f"{table['key']} hides columns without saying so"
    return {table["key"]: table for table in tables}


@pytest.mark.parametrize("width", [360, 1280])
def test_reports_fit_the_screen(new_context, ministry, known, log_in, width):  # noqa: F811
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    log_in(page, ministry)
    checked = [check_layout(page, url) for url in report_pages(known)]
    if width == 1280:
        officials = checked[1]["table-funcionarios"]
        assert not officials["scrolls"], "the officials' table hides columns on a desktop screen"
    else:
        assert checked[0]["table-matriz"]["hint"] or not checked[0]["table-matriz"]["scrolls"]
