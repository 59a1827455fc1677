"""Every page of tests/browser/pages.py: no WCAG 2.1 A/AA violation found by axe-core, no HTML error found by the
Nu Html Checker."""

import pytest

from .axe import axe_violations
from .html_checker import html_errors
from .pages import PAGES
from .visits import open_visit


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations(phone, request, live_server, name):
    open_visit(phone, PAGES[name], request, live_server.url)
    violations = axe_violations(phone)
    assert not violations, f"axe-core finds {len(violations)} WCAG 2.1 A/AA violations on {name}:\n" + "\n".join(
        violations
    )


def test_every_page_is_valid_html(page, request, live_server):
    documents = {}
    for name, visit in PAGES.items():
        page.context.clear_cookies()  # each visit starts signed out, as in a new browser
        documents[name] = open_visit(page, visit, request, live_server.url)
    errors = html_errors(documents)
    assert not errors, "the Nu Html Checker finds errors:\n" + "\n".join(
        f"{name}:\n  " + "\n  ".join(messages) for name, messages in errors.items()
    )
