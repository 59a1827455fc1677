"""Every route × every role answers as ``matrix.py`` says; a route without an entry fails."""

import pytest

from .authorization import ADMIN_LOGIN, describe, sample_url, url_patterns
from .matrix import ADMIN_INTENDED_ERRORS, ADMIN_PUBLIC, MATRIX
from .world import ADMIN_SWEEP_INSIDERS, ADMIN_SWEEP_OUTSIDERS, ROLES

PATTERNS = list(url_patterns())
BY_ROUTE = {pattern.route: pattern for pattern in PATTERNS}
ADMIN_SECTIONS = {}
for _pattern in PATTERNS:
    if _pattern.is_admin and _pattern.route not in ADMIN_PUBLIC:
        ADMIN_SECTIONS.setdefault("/".join(_pattern.route.split("/")[:2]), []).append(_pattern)
CASES = [
    (route, index, language)
    for route, entries in MATRIX.items()
    for index in range(len(entries))
    for language in (("", "/en") if BY_ROUTE.get(route) and BY_ROUTE[route].translated else ("",))
]


def test_every_route_has_an_entry():
    missing = [p for p in PATTERNS if not p.is_admin and p.route not in MATRIX]
    assert not missing, (
        "These routes have no entry in tests/security/matrix.py. Add one per route with the outcome for every "
        "role (see the module docstring):\n" + "\n".join(f"    {p.route!r}  ({p.name})" for p in missing)
    )


def test_every_entry_names_an_existing_route():
    stale = sorted(set(MATRIX) - set(BY_ROUTE))
    assert not stale, f"These entries in tests/security/matrix.py match no route any more: {stale}"


@pytest.mark.parametrize(("route", "index", "language"), CASES, ids=lambda v: str(v) if v != "" else "es")
def test_each_role_gets_what_the_matrix_says(world, route, index, language):
    entry = MATRIX[route][index]
    failures = []
    for role in ROLES:
        response = entry.request(world.client_for(role), world, language)
        assert response.status_code < 500, f"{role}: {entry.method.upper()} {entry.url_in(world)} → 500"
        problem = entry.expect[role].problem(response)
        if problem:
            failures.append(f"  {role:24} {problem}")
    assert not failures, f"{entry.method.upper()} {language}{entry.url_in(world)}:\n" + "\n".join(failures)


@pytest.mark.parametrize("section", sorted(ADMIN_SECTIONS))
def test_admin_routes_need_admin_access_and_never_fail(world, section):
    """The admin rule, section by section (``admin/pages/…``, ``admin/users/…``): no way in without
    ``wagtailadmin.access_admin``; no server error for those who have it."""
    failures = []
    clients = {role: world.client_for(role) for role in (*ADMIN_SWEEP_OUTSIDERS, *ADMIN_SWEEP_INSIDERS)}
    for pattern in ADMIN_SECTIONS[section]:
        url = sample_url(pattern)
        for role in ADMIN_SWEEP_OUTSIDERS:
            problem = ADMIN_LOGIN.problem(clients[role].get(url))
            if problem:
                failures.append(f"  GET {url} as {role}: {problem}")
        for role in ADMIN_SWEEP_INSIDERS:
            response = clients[role].get(url)
            if response.status_code >= 500 and pattern.route not in ADMIN_INTENDED_ERRORS:
                failures.append(f"  GET {url} as {role}: {describe(response)}")
    assert not failures, f"{len(ADMIN_SECTIONS[section])} routes under /{section}/:\n" + "\n".join(failures)


def test_the_admin_public_routes_exist():
    assert set(BY_ROUTE) >= ADMIN_PUBLIC, sorted(ADMIN_PUBLIC - set(BY_ROUTE))
