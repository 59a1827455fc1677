"""A limit on public certificate lookups per client address, so codes cannot be guessed by trying.

Counted in the cache (shared by every process where ``CACHE_URL`` names Redis), per client address as django-axes
sees it (``accounts.throttling.client_ip``: the address the trusted proxy saw), in fixed windows.

While the cache does not answer nothing can be counted, and lookups are allowed (the limit fails open): a lookup
only confirms a certificate whose code the person already has, and refusing every verification for the length of
an outage would fail the people the page is for. Sign-in throttling, which must fail closed, keeps its counts in
the database (django-axes), not in the cache.
"""

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse

from accounts.throttling import client_ip


def key(request):
    return f"certificates:lookups:{client_ip(request)}"


def allow(request):
    """Count one lookup for this client; ``False`` once it has made more than the limit in the current window
    (``True`` while the cache does not answer: django-redis then answers ``incr`` with ``None``)."""
    name = key(request)
    cache.add(name, 0, timeout=settings.CERTIFICATE_VERIFICATION_WINDOW)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=settings.CERTIFICATE_VERIFICATION_WINDOW)
        count = 1
    return count is None or count <= settings.CERTIFICATE_VERIFICATION_LIMIT


def too_many(request):
    minutes = settings.CERTIFICATE_VERIFICATION_WINDOW // 60
    response = TemplateResponse(request, "certificates/too_many_lookups.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(settings.CERTIFICATE_VERIFICATION_WINDOW)
    return response
