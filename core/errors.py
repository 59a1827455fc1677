"""The answer to a request that failed: 503 while the database does not answer, Django's 500 page otherwise.

A database that refuses or times out (``connect_timeout``, the statement timeout of web requests) is an outage,
not a bug: the person gets a page that says so and when to try again, and the load balancer a status it can act on.
The page is rendered without a request context, so it needs neither the database nor the cache.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

RETRY_AFTER_SECONDS = 30


def server_error(request):
    """``handler500``: Django calls it while handling the exception, which ``sys.exc_info()`` still holds."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)
