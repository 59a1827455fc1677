"""The machinery of the authorization matrix: expected outcomes, the route walk, and the IDOR check.

The data (which route answers what to whom) lives in ``matrix.py``; the people and objects in ``world.py``.
"""

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern

from .world import ROLES

ADMIN_PREFIX = "admin/"
LANGUAGE_PREFIX = re.compile(r"^/en(?=/)")


# Outcomes ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    code: int
    label: str

    def problem(self, response):
        if response.status_code != self.code:
            return f"expected {self.label}, got {describe(response)}"
        return None

    def __str__(self):
        return self.label


@dataclass(frozen=True)
class RedirectTo:
    """A redirect whose target path (ignoring the /en prefix and the query) is ``path``."""

    path: str
    label: str = ""
    with_next: bool = False
    #: Any address under ``path`` (e.g. the admin's page explorer at a page whose id the matrix cannot know).
    under: bool = False

    def problem(self, response):
        location = response.get("Location", "")
        target = urlsplit(location)
        paths = (target.path, LANGUAGE_PREFIX.sub("", target.path))
        matches = any(p.startswith(self.path) for p in paths) if self.under else self.path in paths
        if response.status_code not in (301, 302) or not matches:
            return f"expected {self}, got {describe(response)}"
        if self.with_next and "next=" not in target.query:
            return f"expected {self} with ?next=, got {location}"
        return None

    def __str__(self):
        return self.label or f"redirect to {self.path}"


OK = Status(200, "200")
BAD_REQUEST = Status(400, "400")
FORBIDDEN = Status(403, "403")
NOT_FOUND = Status(404, "404")
NOT_ALLOWED = Status(405, "405 (wrong method)")
LOGIN = RedirectTo("/cuenta/ingresar/", "sign-in", with_next=True)
ADMIN_LOGIN = RedirectTo("/admin/login/", "admin sign-in", with_next=True)
#: Wagtail answers a signed-in admin user without the permission a view needs with a redirect to the dashboard
#: and the message "Sorry, you do not have permission to access this area".
ADMIN_DENIED = RedirectTo("/admin/", "admin: permission denied")
#: What counts as "no access" in the IDOR check.
DENIALS = (LOGIN, ADMIN_LOGIN, ADMIN_DENIED, FORBIDDEN, NOT_FOUND)


def redirect(path):
    return RedirectTo(path)


def describe(response):
    if response.status_code in (301, 302):
        return f"{response.status_code} → {response['Location']}"
    return str(response.status_code)


def expect(default=None, **by_role):
    """Expected outcomes for every role: ``default`` for those not named, e.g. ``expect(OK, anonymous=LOGIN)``."""
    unknown = set(by_role) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles in the matrix: {sorted(unknown)}")
    if default is None and set(by_role) != set(ROLES):
        raise ValueError(f"No outcome for {sorted(set(ROLES) - set(by_role))} and no default.")
    return {role: by_role.get(role, default) for role in ROLES}


def roles(names, outcome):
    """``{role: outcome}`` for several roles at once, to spread into ``expect(...)``."""
    return dict.fromkeys(names, outcome)


# Routes ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One request to make as every role, and what each role must get.

    ``url`` is a path or a function of the ``World`` (for objects: ``lambda w: f"/x/{w.thing.pk}/"``).
    """

    url: str | Callable
    expect: Mapping
    method: str = "get"
    data: Mapping | None = None

    def url_in(self, world):
        return self.url(world) if callable(self.url) else self.url

    def request(self, client, world, language_prefix=""):
        return getattr(client, self.method)(language_prefix + self.url_in(world), self.data or {})


@dataclass(frozen=True)
class Pattern:
    """A leaf of the URL configuration: its full pattern (``"cuenta/perfil/"``), name and language prefix."""

    route: str
    name: str | None
    translated: bool
    regex: bool

    @property
    def is_admin(self):
        return self.route.startswith(ADMIN_PREFIX)


def url_patterns(resolver=None, prefix="", namespace="", translated=False, regex=False):
    """Every leaf pattern of the URL configuration, with its full route as a string."""
    for pattern in (resolver or get_resolver()).url_patterns:
        is_regex = regex or isinstance(pattern.pattern, RegexPattern)
        if isinstance(pattern, URLResolver):
            locale = isinstance(pattern.pattern, LocalePrefixPattern)
            yield from url_patterns(
                pattern,
                prefix + ("" if locale else str(pattern.pattern)),
                namespace + (f"{pattern.namespace}:" if pattern.namespace else ""),
                translated or locale,
                is_regex and not locale,
            )
        else:
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield Pattern(prefix + str(pattern.pattern), name, translated, is_regex)


SAMPLE_VALUES = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": str(uuid.UUID(int=1))}
REGEX_GROUP = re.compile(r"\((?:\?P<\w+>)?[^()]*\)")


def sample_url(pattern):
    """A concrete address for a pattern, with made-up values for its parameters (``<int:pk>`` → 1)."""
    url = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_VALUES.get(m.group(1) or "str", "x"), pattern.route)
    if pattern.regex:
        url = REGEX_GROUP.sub(lambda m: "1" if r"\d" in m.group(0) else "x", url)
        url = url.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + url


# Object-level checks (IDOR) ----------------------------------------------------------------------------------------


def assert_object_access(world, url_of, objects, *, may_access, method="get", secrets_of=lambda obj: ()):
    """Try every role on every object: only allowed combinations get 200, the rest a denial that leaks nothing.

    ``objects`` maps an owner role to their object (an enrolment, an attempt, a certificate code…);
    ``may_access(role, owner_role)`` says who may open whose; ``secrets_of(obj)`` lists strings (a name, an email,
    a score) that must not appear in a denial. Use it from any app's tests with the ``world`` fixture:

        assert_object_access(world, lambda e: f"/mi-aprendizaje/{e.pk}/", enrolments,
                             may_access=lambda role, owner: role == owner or role == "superuser")
    """
    failures = []
    for role in ROLES:
        client = world.client_for(role)
        for owner, obj in objects.items():
            response = getattr(client, method)(url_of(obj))
            if may_access(role, owner):
                problem = OK.problem(response)
            else:
                problems = [outcome.problem(response) for outcome in DENIALS]
                problem = None if None in problems else f"expected a denial, got {describe(response)}"
                if problem is None and response.status_code == 200:
                    problem = "denied with 200"
                body = response.content.decode(errors="replace") if problem is None else ""
                leaked = [secret for secret in secrets_of(obj) if secret and secret in body]
                if leaked:
                    problem = f"the denial shows {leaked}"
            if problem:
                failures.append(f"{role} → {owner}'s object ({url_of(obj)}): {problem}")
    assert not failures, "Object-level access is wrong:\n" + "\n".join(failures)
