"""Response headers: Content-Security-Policy (strict on the front end, looser in the admin), framing, referrer,
documents as attachments; and front-end pages that a strict policy does not break."""

import pytest
from bs4 import BeautifulSoup

from tests.core.test_settings import PRODUCTION_ENV, run_manage

from .authorization import OK
from .framing import assert_never_framed, policy
from .matrix import MATRIX
from .world import ROLES

FRONT_END_PAGES = [
    (route, index)
    for route, entries in MATRIX.items()
    if not route.startswith("admin/")
    for index, entry in enumerate(entries)
    if entry.method == "get"
]


def test_front_end_policy_allows_nothing_inline_and_no_framing(client, home_page):
    response = client.get("/")
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert_never_framed(response)
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_admin_policy_is_looser_only_where_wagtail_needs_it(client, superuser):
    """Wagtail 8's admin writes inline scripts (inline panels, date choosers) and styles: see core/middleware.py."""
    client.force_login(superuser)
    csp = policy(client.get("/admin/"))
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"], "page previews frame the site in the admin"
    assert csp["default-src"] == ["'self'"] and csp["base-uri"] == ["'self'"]


@pytest.mark.parametrize(("route", "index"), FRONT_END_PAGES, ids=lambda v: str(v))
def test_front_end_pages_have_no_inline_script_or_style(world, route, index):
    """What the strict policy would block in a browser: inline scripts, <style>, style="" and on…= handlers."""
    entry = MATRIX[route][index]
    for role in ROLES:
        response = entry.request(world.client_for(role), world)
        if OK.problem(response) or not response["Content-Type"].startswith("text/html"):
            continue
        soup = BeautifulSoup(response.content, "html.parser")
        inline = [
            str(s)[:80] for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/json"
        ]
        styled = [tag.name for tag in soup.find_all(style=True)] + [str(s)[:80] for s in soup.find_all("style")]
        handlers = [f"{tag.name} {a}" for tag in soup.find_all(True) for a in tag.attrs if a.startswith("on")]
        assert not (inline or styled or handlers), f"{role} {entry.url_in(world)}: {inline} {styled} {handlers}"
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert_never_framed(response)


def test_documents_download_as_attachments_that_are_never_sniffed(client, world):
    for document in (world.public_document,):
        response = client.get(document.url)
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        b"".join(response.streaming_content)


def test_production_adds_hsts_secure_cookies_and_required_two_factor_for_superusers():
    result = run_manage("diffsettings", "--settings=lms.settings.production", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    pairs = (line.removesuffix("###").strip().split(" = ", 1) for line in result.stdout.splitlines())
    values = dict(pair for pair in pairs if len(pair) == 2)
    assert int(values["SECURE_HSTS_SECONDS"]) >= 60 * 60 * 24 * 365
    for name in (
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    ):
        assert values[name] == "True", name
    assert values["OTP_REQUIRED_FOR_SUPERUSERS"] == "True"
    assert values["TRUSTED_PROXY_COUNT"] == "1"


def test_the_admin_sends_nobody_s_email_hash_to_gravatar(client, superuser, official):
    """Gravatar would get a hash of each person's email address from every admin page (and break the CSP)."""
    client.force_login(superuser)
    for address in ("/admin/", "/admin/users/", f"/admin/users/edit/{official.pk}/"):
        assert "gravatar" not in client.get(address).content.decode().lower()
