"""Health checks for the load balancer and the process supervisor.

``/healthz``: the process runs and answers (200). ``/readyz``: it can serve pages, that is the database answers
(200, else 503), with the state of each dependency in a small JSON body. The cache and the broker are reported but
do not make a node unready: pages are served without the cache, and the sweeps queue what the broker missed.
Neither check reads a session or the cache's data (the cache is only pinged), and each dependency gets at most a
second or so (``connect_timeout`` for the database, half a second for Redis).
"""

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

OK, DOWN = "ok", "unavailable"


@never_cache
@require_GET
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_GET
def readyz(request):
    checks = {"database": database(), "cache": cache_state(), "broker": broker()}
    return JsonResponse(checks, status=200 if checks["database"] == OK else 503)


def database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return OK if cursor.fetchone() == (1,) else DOWN
    except DatabaseError:
        return DOWN


def cache_state():
    if not settings.CACHE_URL:
        return "local memory"
    try:
        return OK if cache.client.get_client().ping() else DOWN
    except Exception:  # noqa: BLE001 — any failure to answer a ping is "unavailable"
        return DOWN


def broker():
    if not settings.CELERY_BROKER_URL:
        return "in-process"
    from lms.celery import app

    try:
        with app.connection_for_write() as broker_connection:
            broker_connection.ensure_connection(max_retries=0)
        return OK
    except Exception:  # noqa: BLE001 — kombu raises the transport's own errors; any of them is "unavailable"
        return DOWN
