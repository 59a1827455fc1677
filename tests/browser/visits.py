"""How a test reaches a page as a person sees it: the address, who is signed in, the data it needs, what they do.

The pages themselves are listed in ``tests/browser/pages.py``.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page, expect


@dataclass(frozen=True)
class Visit:
    """One page in one state.

    ``path`` is an address, or a function of pytest's ``request`` that makes the data the page needs (with the
    factories or a demo loader) and returns the address. ``heading`` is the page's <h1> as the person reads it, so a
    visit that lands elsewhere (a redirect to sign in, an error page) fails. ``user`` names a fixture of
    ``tests/conftest.py`` (``"official"``, ``"trainer"``, …) to sign in as first. ``then`` is what the person does
    once the page is open (send a form with errors, open a menu); the page is checked in the state it leaves.
    ``status`` is the HTTP status the last document must have.
    """

    path: str | Callable[..., str]
    heading: str
    user: str | None = None
    then: Callable[[Page], None] | None = None
    status: int = 200


def open_visit(page, visit, request, base_url):
    """Open ``visit`` in ``page`` and return the source of the last document the server sent (for the Nu checker).

    ``base_url`` is the server to use: the ``live_server`` or the production-static one.
    """
    if visit.user:
        request.getfixturevalue("log_in")(page, request.getfixturevalue(visit.user))
    path = visit.path(request) if callable(visit.path) else visit.path
    documents = []

    def keep_document(response):
        is_redirect = 300 <= response.status < 400
        if response.request.is_navigation_request() and response.frame == page.main_frame and not is_redirect:
            documents.append(response)

    page.on("response", keep_document)
    try:
        page.goto(f"{base_url}{path}")
        if visit.then:
            visit.then(page)
            page.wait_for_load_state()
    finally:
        page.remove_listener("response", keep_document)
    assert documents, f"{path} sent no document"
    last = documents[-1]
    assert last.status == visit.status, f"{last.url} answered {last.status}, expected {visit.status}"
    expect(page.locator("h1")).to_have_text(visit.heading)
    return last.text()


def submit_form(page, fields=None):
    """Fill the main form's fields (``{label: value}``) and send it, waiting for the answer."""
    form = page.locator("main form").first
    for label, value in (fields or {}).items():
        form.get_by_label(field_label(label)).fill(value)
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()


def field_label(text):
    """A pattern for a field's whole label, which Django ends with a colon."""
    return re.compile(rf"^{re.escape(text)}:?$")


def send_with_errors(fields=None):
    """A ``then`` step: send the main form (filled with ``fields``) and see the error summary."""

    def send(page):
        submit_form(page, fields)
        expect(page.locator(".error-summary")).to_be_visible()

    return send
