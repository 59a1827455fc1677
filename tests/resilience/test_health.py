"""/healthz and /readyz for the load balancer: no session, no cache data, a state for each dependency."""

import pytest

from accounts.models import Session

from .services import broker_at, dead_url


def test_healthz_answers_while_the_process_runs(client):
    response = client.get("/healthz")  # without the db fixture: any query would fail the test
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_readyz_names_each_dependency_and_is_ready_while_the_database_answers(client, db, settings):
    settings.CELERY_BROKER_URL = ""  # tasks in-process
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "local memory", "broker": "in-process"}
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()


def test_readyz_reports_a_redis_cache_and_broker(client, db, use_cache, private_redis, settings):
    use_cache(private_redis.url)
    settings.CACHE_URL = settings.CELERY_BROKER_URL = private_redis.url
    with broker_at(private_redis.url):
        assert client.get("/readyz").json() == {"database": "ok", "cache": "ok", "broker": "ok"}
        private_redis.stop()
        response = client.get("/readyz")
    # Pages are served without the cache, and the sweeps queue what the broker missed: still ready.
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "unavailable", "broker": "unavailable"}


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_the_health_checks_touch_no_cached_data(client, db, path):
    from django.core.cache import cache

    cache.clear()
    client.get(path)
    assert not cache._cache  # local memory: nothing was written


def test_a_broker_that_refuses_is_unavailable(client, db, settings):
    settings.CELERY_BROKER_URL = dead_url()
    with broker_at(settings.CELERY_BROKER_URL):
        assert client.get("/readyz").json()["broker"] == "unavailable"
