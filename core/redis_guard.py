"""Connections to the cache's Redis that stop asking it for a few seconds after it fails.

django-redis bounds each cache call by its socket timeouts and ignores the error (the call answers "nothing kept"),
but a page makes several cache calls: against a Redis that accepts connections and never answers, each would wait
out its timeout. After one failure every connection of the process refuses at once for ``PAUSE_SECONDS``, so a hung
Redis costs a process one timeout every few seconds instead of one per call, and the cache is used again a few
seconds after it answers again.
"""

import time
from contextlib import contextmanager

import redis

PAUSE_SECONDS = 5.0
FAILURES = (redis.ConnectionError, redis.TimeoutError)

_paused_until = 0.0


@contextmanager
def _pausing_on_failure():
    global _paused_until
    try:
        yield
    except FAILURES:
        _paused_until = time.monotonic() + PAUSE_SECONDS
        raise


def resume():
    """Ask Redis again from the next call on (tests start each case with a working cache)."""
    global _paused_until
    _paused_until = 0.0


class FailFastConnection(redis.Connection):
    def connect_check_health(self, *args, **kwargs):
        if time.monotonic() < _paused_until:
            raise redis.ConnectionError("the cache failed a moment ago; not asking it again yet")
        with _pausing_on_failure():
            return super().connect_check_health(*args, **kwargs)

    def read_response(self, *args, **kwargs):
        with _pausing_on_failure():
            return super().read_response(*args, **kwargs)


class FailFastConnectionPool(redis.ConnectionPool):
    """The pool django-redis builds (``CONNECTION_POOL_CLASS``), of ``FailFastConnection``."""

    def __init__(self, **kwargs):
        super().__init__(**{**kwargs, "connection_class": FailFastConnection})
