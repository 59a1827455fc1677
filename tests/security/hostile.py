"""Hostile input for any form or POST endpoint: hypothesis strategies and the assertion that the site survives it.

Use it from any app's tests::

    from hypothesis import given
    from tests.security.hostile import HOSTILE, assert_survives, form_data, rolled_back, snapshot

    @HOSTILE
    @given(data=form_data({"lesson": str(lesson.pk)}))   # or form_data(["field", ...])
    def test_complete_survives_hostile_input(db, ..., data):
        with rolled_back():
            before = snapshot(LessonCompletion.objects.all())
            response = client.post(url, data)
            assert_survives(response, before, snapshot(LessonCompletion.objects.all()))

``form_data`` mixes valid values (so examples reach deeper validation) with arbitrary and edge-case strings, huge
values, numbers of every shape, files where text is expected, duplicated and missing fields and stray extra
fields. ``assert_survives`` demands: no server error; an accepted submission (a redirect) passes the endpoint's own
``accepted`` check; a refused one wrote nothing and tells the person why (the form's error summary, or an error
page in Spanish). Each example runs inside ``rolled_back()``, so examples never see each other's writes.

The number of examples per endpoint is ``HOSTILE_EXAMPLES`` (environment, default 100).
"""

import os
from contextlib import contextmanager

from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "100"))

HOSTILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # Each example rolls its writes back (``rolled_back``), so a function-scoped database fixture is safe to share.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

EDGE_CASES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "\t",
    "\u200b",  # zero-width space
    "\u202e",  # right-to-left override
    "\ufeff",  # byte order mark
    "e\u0301",  # é as e + combining accent
    "Ñúñez Muñoz",
    "𝕮𝖔𝖈𝖗𝖊𝖆",
    "😀" * 50,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    '=HYPERLINK("http://evil.example")',
    "../../../../etc/passwd",
    "%00%0d%0a",
    "{{ 7*7 }}{% debug %}",
    "null",
    "None",
    "true",
    "[]",
    "{}",
    "-1",
    "0",
    "1e400",
    "NaN",
    "99999999999999999999999999",
    "0x10",
    "https://evil.example/",
    "//evil.example/",
    "javascript:alert(1)",
]

text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200)
huge = st.integers(min_value=1_000, max_value=200_000).map(lambda n: "x" * n)
numbers = st.one_of(
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=True).map(str),
)
uploads = st.binary(max_size=200).map(lambda content: SimpleUploadedFile("x.txt", content, "text/plain"))
scalar = st.one_of(text, st.sampled_from(EDGE_CASES), huge, numbers)
field_value = st.one_of(scalar, st.lists(scalar, min_size=2, max_size=3), uploads)


DROP = object()


def form_data(fields, extra_fields=True):
    """Form submissions over ``fields``: a list of names, or a dict of names to a valid value (``None``: the
    test fills it in).

    Half the examples start from the valid submission and spoil up to two fields (hostile value, duplicated or
    missing), so the endpoint's accepting path and each field's validation are both reached; the other half are
    anything at all. Unknown fields (``is_superuser``, ``user``…) may come along.
    """
    valid = fields if isinstance(fields, dict) else dict.fromkeys(fields)
    names = sorted(valid)
    anything = st.fixed_dictionaries({}, optional=dict.fromkeys(names, field_value))
    base = {name: value for name, value in valid.items() if value is not None}
    spoilt = st.dictionaries(st.sampled_from(names), st.one_of(field_value, st.just(DROP)), max_size=2).map(
        lambda changes: {name: value for name, value in {**base, **changes}.items() if value is not DROP}
    )
    data = st.one_of(spoilt, anything)
    if extra_fields:
        extras = st.dictionaries(st.sampled_from(["id", "pk", "user", "is_superuser", "groups", "email"]), scalar)
        data = st.tuples(data, extras).map(lambda pair: {**pair[1], **pair[0]})
    return data


def submitted(data, name):
    """The value a form reads for ``name``: the last one when the field was sent several times."""
    value = data.get(name)
    return value[-1] if isinstance(value, list) else value


@contextmanager
def rolled_back():
    """Run one example in a transaction that is always rolled back."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def snapshot(*querysets):
    """Every row of the given querysets, to compare before and after a request."""
    return [sorted(map(repr, queryset.values())) for queryset in querysets]


def refused_before_any_view(response):
    """Whether the site refused a GET before any view, with its own page in Spanish: an address too long (414), or
    a NUL character anywhere in what was sent (400, ``core.middleware``); the test client sends a file's content as
    the parameter's value, so a NUL may come from there too."""
    nul = response.status_code == 400 and "%00" in response.request["QUERY_STRING"]
    if not (nul or response.status_code == 414):
        return False
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "es" and soup.h1.get_text(strip=True)
    return True


def assert_survives(response, before, after, *, accepted=None):
    """No server error; an accepted submission passes ``accepted(response)``; a refused one wrote nothing and
    says why."""
    event(f"answered {response.status_code}")
    assert response.status_code < 500, f"server error {response.status_code}"
    if response.status_code in (301, 302):
        if accepted is not None:
            accepted(response)
        return
    assert before == after, "a refused submission changed the database"
    soup = BeautifulSoup(response.content, "html.parser")
    if response.status_code == 200:
        summary = soup.select_one(".error-summary")
        assert summary is not None and summary.get_text(strip=True), "a refused form does not say what is wrong"
    else:
        assert soup.html is not None and soup.html.get("lang") == "es", f"{response.status_code} without a page"
        assert soup.h1 and soup.h1.get_text(strip=True), f"{response.status_code} page without a heading"
