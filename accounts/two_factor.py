"""Two-step verification (TOTP with django-otp) for the people who can reach the admin.

Whether a session still owes a second step is decided once, when the person signs in, and kept in the session:
those with a confirmed device must enter a code before anything else; superusers without one must set one up
first where ``OTP_REQUIRED_FOR_SUPERUSERS`` is on (production). Officials never own a device, so their requests
cost no extra query.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import resolve
from django.urls.exceptions import Resolver404
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

PENDING_SESSION_KEY = "cocrea_two_factor_pending"
VERIFY, SET_UP = "verify", "set_up"

# Where a person who still owes the second step may go, besides the page that asks for it.
ALWAYS_ALLOWED = {"accounts:logout", "wagtailadmin_logout", "set_language"}
PAGE_FOR = {VERIFY: "accounts:two_factor_verify", SET_UP: "accounts:two_factor_setup"}


def can_use_two_factor(user):
    """Two-step verification is offered to everyone who can reach the Wagtail admin."""
    return user.is_authenticated and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_step(user):
    if confirmed_device(user):
        return VERIFY
    if user.is_superuser and settings.OTP_REQUIRED_FOR_SUPERUSERS:
        return SET_UP
    return None


def complete_second_step(request, device):
    """The person proved they hold ``device``: the session is verified and owes nothing more."""
    otp_login(request, device)
    request.session.pop(PENDING_SESSION_KEY, None)


class TwoFactorMiddleware:
    """Sends a session that still owes its second step to the page that asks for it, whatever it requested."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = request.session.get(PENDING_SESSION_KEY) if hasattr(request, "session") else None
        if step and request.user.is_authenticated and not self._allowed(request, PAGE_FOR[step]):
            return redirect_to_login(request.get_full_path(), PAGE_FOR[step])
        return self.get_response(request)

    def _allowed(self, request, page):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name == page or match.view_name in ALWAYS_ALLOWED


def qr_code_svg(device):
    """The device's ``otpauth://`` address as an inline SVG QR code (no inline style, so the CSP allows it)."""
    title = str(_("QR code that adds Cocrea to your authenticator app"))
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=2, dark="#1a1a1a", light="#ffffff", title=title, omitsize=True
    )


def secret_for_typing(device):
    """The shared secret in groups of four base32 characters, for apps that cannot scan the code."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
