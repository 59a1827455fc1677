"""Every page of tests/browser/pages.py, on a phone: no WCAG 2.1 A/AA violation found by axe-core, nothing wider than
the screen (reflow, WCAG 1.4.10, which axe-core does not check), and no error found by the Nu Html Checker in the
HTML the server sent.

One test for all pages, so the database is emptied and refilled once (a second or two on PostgreSQL) rather than
once per page; the failure message names every page that fails and why, and test-results/ keeps a screenshot and
the HTML of each page axe-core failed.
"""

from .axe import axe_violations
from .evidence import save_page
from .html_checker import html_errors
from .pages import PAGES
from .steps import horizontal_overflow
from .visits import open_visit


def test_every_page_passes_axe_core_and_the_nu_html_checker(phone, request, live_server):
    documents, violations = {}, {}
    for name, visit in PAGES.items():
        phone.context.clear_cookies()  # each visit starts signed out
        documents[name] = open_visit(phone, visit, request, live_server.url)
        found = axe_violations(phone)
        if (overflow := horizontal_overflow(phone)) > 0:
            found.append(f"reflow (WCAG 1.4.10): the page is {overflow} px wider than the 360 px screen")
        if found:
            violations[name] = found
            save_page(request.node, phone, name)
    errors = html_errors(documents)

    assert not violations and not errors, "\n".join(
        _by_page(heading, problems)
        for heading, problems in [("axe-core: WCAG 2.1 A/AA violations", violations), ("Nu Html Checker", errors)]
        if problems
    )


def _by_page(heading, problems):
    return f"{heading}\n" + "\n".join(f"{name}:\n  " + "\n  ".join(found) for name, found in problems.items())
