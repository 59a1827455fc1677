"""The layout at a phone's width (360 px) and a desktop's (1280 px): nothing wider than the screen, a header that fits
(one row; on a phone its links behind a Menu button that works without JavaScript), two columns and a reading
measure where the desktop has the room, for every public page type and in every role's header."""

import pytest
from playwright.sync_api import expect

from .conftest import PHONE
from .pages import PAGES
from .steps import horizontal_overflow
from .visits import open_visit

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PAGE_TYPES = [
    "home",
    "catalogue",
    "course",
    "lesson",
    "toolkit",
    "method",
    "dashboard",
    "certificate verification",
    "offline page",
    "cohorts",
    "cohort",
    "reminder preferences",
    "my practices",
    "my practice",
    "practices map",
    "practice page",
    "practices to review",
]
ROLES = ["official", "trainer", "coordinator", "ministry", "superuser"]
# One row of links: the brand's line plus padding. Two rows would be ~100 px.
ONE_ROW = 72

# Runs in the page: the header's height, how many distinct rows its links sit on, and whether they are visible.
HEADER = """() => {
    const header = document.querySelector(".site-header");
    const links = Array.from(header.querySelectorAll(".site-nav a, .site-nav button"));
    const visible = links.filter(link => link.checkVisibility());  // false inside a closed <details>
    const rows = new Set(visible.map(link => Math.round(link.getBoundingClientRect().top / 8)));
    const height = header.getBoundingClientRect().height;
    return {height: height, links: links.length, visible: visible.length, rows: rows.size};
}"""

# Runs in the page: the widest paragraph of running text, in characters of the body font (its "0" width).
MEASURE = """() => {
    const zero = document.createElement("span");
    zero.textContent = "0".repeat(100);
    zero.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap";
    document.querySelector(".prose > p").append(zero);  // the lesson's own text (main may open with hidden notes)
    const ch = zero.getBoundingClientRect().width / 100;
    zero.remove();
    const widths = Array.from(document.querySelectorAll(".prose > p")).map(p => p.getBoundingClientRect().width);
    return Math.max(0, ...widths) / ch;
}"""


def header_on(page):
    return page.evaluate(HEADER)


def assert_fits(page, name, width):
    assert horizontal_overflow(page) <= 0, f"{name} at {width} px scrolls sideways"


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_every_page_type_fits_the_screen_with_a_header_of_one_row(new_context, request, live_server, screen):
    width = screen["viewport"]["width"]
    page = new_context(**screen).new_page()
    for name in PAGE_TYPES:
        page.context.clear_cookies()
        open_visit(page, PAGES[name], request, live_server.url)
        assert_fits(page, name, width)
        header = header_on(page)
        assert header["height"] <= ONE_ROW, f"{name} at {width} px: the header is {header['height']} px tall"
        if width < 1024:
            assert header["visible"] == 0, f"{name} on a phone shows its links before the Menu is opened"
        else:
            assert header["visible"] == header["links"] and header["rows"] == 1, f"{name}: {header}"


def test_on_a_desktop_lessons_read_in_two_columns_at_about_70_characters(new_context, request, live_server):
    page = new_context(**DESKTOP).new_page()
    open_visit(page, PAGES["lesson"], request, live_server.url)
    article, outline = (page.locator(selector).bounding_box() for selector in (".lesson", ".item-outline"))
    assert outline["x"] >= article["x"] + article["width"], "the module's outline sits beside the lesson"
    assert abs(outline["y"] - article["y"]) < 200
    assert 55 <= page.evaluate(MEASURE) <= 80


def test_on_a_phone_the_menu_opens_the_links_without_javascript(new_context, request, live_server):
    page = new_context(**PHONE, java_script_enabled=False).new_page()
    open_visit(page, PAGES["catalogue"], request, live_server.url)
    catalogue_link = page.get_by_role("link", name="Catálogo")
    expect(catalogue_link).to_be_hidden()
    page.get_by_text("Menú").click()
    expect(catalogue_link).to_be_visible()
    expect(page.get_by_role("link", name="Crear una cuenta")).to_be_visible()
    assert_fits(page, "the open menu", 360)
    catalogue_link.click()
    expect(page.locator("h1")).to_have_text("Cursos")


@pytest.mark.parametrize("role", ROLES)
def test_every_role_has_a_header_that_fits(new_context, request, live_server, log_in, role):
    """The most links a header has are the superuser's (reports and the admin too): still one row at 1280 px."""
    user = request.getfixturevalue(role)
    for screen in (DESKTOP, PHONE):
        page = new_context(**screen).new_page()
        log_in(page, user)
        page.goto(f"{live_server.url}/certificados/verificar/")
        header = header_on(page)
        width = screen["viewport"]["width"]
        assert header["height"] <= ONE_ROW, f"{role} at {width} px: the header is {header['height']} px tall"
        assert_fits(page, f"{role}'s header", width)
        if width >= 1024:
            assert header["visible"] == header["links"] and header["rows"] == 1, f"{role}: {header}"
        else:
            page.get_by_text("Menú").click()
            expect(page.get_by_role("button", name="Cerrar sesión")).to_be_visible()
            assert_fits(page, f"{role}'s open menu", width)
