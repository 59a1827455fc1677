"""The site's URLs plus the load benchmark's ceiling, mounted only by the benchmark's settings (``bench.settings``)."""

from django.http import HttpResponse
from django.urls import path

from lms.urls import handler500  # noqa: F401 — the root URLconf names the error view
from lms.urls import urlpatterns as site_urlpatterns


def ceiling(request):
    """The load benchmark's ceiling (``bench/load.py``): a constant answer through the whole middleware stack.

    Every scenario's throughput is reported as a share of this one's, measured in the same run on the same server,
    so the figures compare across machines.
    """
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/techo/", ceiling, name="bench_ceiling"), *site_urlpatterns]
