import pytest

from core import redis_guard
from lms.settings.base import redis_cache
from tests.conftest import skip_or_fail

from .services import PrivateRedis, SilentListener


@pytest.fixture(autouse=True)
def cache_not_paused():
    """Each test starts with a cache that its process has not given up on (``core.redis_guard``)."""
    redis_guard.resume()
    yield
    redis_guard.resume()


@pytest.fixture
def private_redis():
    """A Redis server of the test's own, which the test may stop (``private_redis.stop()``)."""
    if not PrivateRedis.available():
        skip_or_fail("needs redis-server (apt-get install redis-server)")
    server = PrivateRedis().start()
    yield server
    server.stop()


@pytest.fixture
def silent_listener():
    with SilentListener() as listener:
        yield listener


@pytest.fixture
def use_cache(settings):
    """Point the cache at a Redis URL, configured as in production (``lms.settings.base.redis_cache``)."""

    def use(url):
        settings.CACHES = {**settings.CACHES, "default": redis_cache(url)}

    return use
