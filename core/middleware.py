"""Project-wide response policies: request size limits and the Content-Security-Policy."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse


class RequestLimitMiddleware:
    """Refuse absurdly long addresses and query strings with 414, and NUL characters in them with 400, before any
    view parses them.

    The proxy in front should refuse them first (nginx ``large_client_header_buffers``, gunicorn
    ``--limit-request-line``); this keeps the answer a clear 4xx wherever the request comes from. Bodies are bounded
    by Django itself (``DATA_UPLOAD_MAX_MEMORY_SIZE`` → 400).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        too_long = (
            len(request.path_info) > settings.REQUEST_MAX_PATH_LENGTH
            or len(request.META.get("QUERY_STRING", "")) > settings.REQUEST_MAX_QUERY_STRING_LENGTH
        )
        if too_long:
            return TemplateResponse(request, "414.html", status=414).render()
        if has_nul(request):
            return TemplateResponse(request, "400.html", status=400).render()
        return self.get_response(request)


def has_nul(request):
    """Whether the address or a query parameter holds a NUL character, which no text column of PostgreSQL can hold
    (a lookup with it fails with ``DataError``), and which no address of the site contains."""
    return "\x00" in request.path_info or any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
    )


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with a second, looser policy for the Wagtail admin.

    The front end allows scripts and styles from the site only (``CONTENT_SECURITY_POLICY``). Wagtail 8's admin
    still writes inline ``<script>`` blocks (inline panels, date and time choosers, the multiple chooser panel) and
    inline styles (the rich-text editor), without a nonce, so ``/admin/`` gets ``CONTENT_SECURITY_POLICY_ADMIN``:
    the same policy plus ``'unsafe-inline'`` for scripts and styles, ``blob:`` images (upload previews) and framing
    by the site itself. Only people with admin access reach those pages; every other directive stays strict.

    A page's preview is rendered by Wagtail through the whole middleware stack on a stand-in request for the page's
    public address (``request.is_dummy``), which would get the front end's ``frame-ancestors 'none'`` and
    ``X-Frame-Options: DENY``, and the editor's side panel would stay blank. Previews keep the front end's policy
    but may be framed by the site itself (``CONTENT_SECURITY_POLICY_PREVIEW``, ``SAMEORIGIN``); no real request
    carries that flag, so every public response still refuses to be framed.
    """

    def process_response(self, request, response):
        if is_preview(request):
            response["X-Frame-Options"] = "SAMEORIGIN"
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None:
            if is_preview(request):
                parts.config = settings.CONTENT_SECURITY_POLICY_PREVIEW
            elif request.path_info.startswith(admin_prefix()):
                parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN
        return parts


def is_preview(request):
    """Whether Wagtail made this request to render a preview (set in ``wagtail.models.PreviewableMixin``)."""
    return getattr(request, "is_dummy", False) is True


def admin_prefix():
    return reverse("wagtailadmin_home")
