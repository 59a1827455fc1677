"""Every page of tests/browser/pages.py, on a phone: no WCAG 2.1 A/AA violation found by axe-core, and no error found
by the Nu Html Checker in the HTML the server sent.

One test for all pages, so the database is emptied and refilled once (a second or two on PostgreSQL) rather than
once per page; the failure message names every page that fails and why, and test-results/ keeps a screenshot and
the HTML of each page axe-core failed.
"""

from .axe import axe_violations
from .conftest import PHONE
from .html_checker import html_errors
from .pages import PAGES
from .visits import open_visit


def test_every_page_passes_axe_core_and_the_nu_html_checker(new_context, request, live_server):
    documents, violations = {}, {}
    for name, visit in PAGES.items():
        page = new_context(**PHONE).new_page()  # a new browser for each: signed out, empty cache
        documents[name] = open_visit(page, visit, request, live_server.url)
        found = axe_violations(page)
        if found:
            violations[name] = found
        else:
            page.context.close()
    errors = html_errors(documents)

    assert not violations, "axe-core finds WCAG 2.1 A/AA violations:\n" + _by_page(violations)
    assert not errors, "the Nu Html Checker finds errors:\n" + _by_page(errors)


def _by_page(problems):
    return "\n".join(f"{name}:\n  " + "\n  ".join(found) for name, found in problems.items())
