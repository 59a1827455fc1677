"""Sign-in throttling (django-axes): who a failed attempt counts against, and what a locked-out person sees.

A lock applies to one account from one client address together (``AXES_LOCKOUT_PARAMETERS``), never to the
address alone: the officials of a municipality often share one public address.
"""

from axes.helpers import get_cool_off
from django.conf import settings
from django.template.response import TemplateResponse


def username(request, credentials=None):
    """The email address as the account is stored, so "Ana@X.cl" and " ana@x.cl" count as one account."""
    credentials = credentials or {}
    value = credentials.get("username", credentials.get("email"))
    if value is None:
        value = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    return str(value).strip().lower()[:255]


def client_ip(request):
    """The client's address: the one the nearest trusted proxy saw, or the connection's own address.

    With ``TRUSTED_PROXY_COUNT`` proxies in front, the last that many entries of ``X-Forwarded-For`` were written
    by them; entries to their left are whatever the client sent and are not trusted.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count][:45]
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(get_cool_off(request).total_seconds() // 60)
    return TemplateResponse(request, "accounts/locked_out.html", {"minutes": minutes}, status=429).render()
