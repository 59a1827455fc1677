"""The load benchmark's ceiling view: a constant answer through every middleware, mounted only by the benchmark's
settings (``bench.settings``, whose URLconf is ``bench.urls``)."""

from bs4 import BeautifulSoup


def test_the_ceiling_is_not_there_unless_the_benchmark_switches_it_on(client, settings, home_page):
    response = client.get("/bench/techo/")
    assert response.status_code == 404
    assert BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True) == "No encontramos esta página"


def test_the_ceiling_answers_a_constant_through_the_whole_middleware_stack(
    db, client, settings, django_assert_num_queries
):
    settings.ROOT_URLCONF = "bench.urls"
    with django_assert_num_queries(0):
        response = client.get("/bench/techo/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    # Headers the middleware adds to every page: the ceiling pays for the same stack as the scenarios.
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Content-Language"] == "es"
