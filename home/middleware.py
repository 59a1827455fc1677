"""Project-wide response policies: request size limits and the Content-Security-Policy."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse


class RequestLimitMiddleware:
    """Refuse absurdly long addresses and query strings with 414 before any view parses them.

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
            response = TemplateResponse(request, "414.html", status=414)
            return response.render()
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with a second, looser policy for the Wagtail admin.

    The front end allows scripts and styles from the site only (``CONTENT_SECURITY_POLICY``). Wagtail 8's admin
    still writes inline ``<script>`` blocks (inline panels, date and time choosers, the multiple chooser panel) and
    inline styles (the rich-text editor), without a nonce, so ``/admin/`` gets ``CONTENT_SECURITY_POLICY_ADMIN``:
    the same policy plus ``'unsafe-inline'`` for scripts and styles, ``blob:`` images (upload previews) and framing
    by the site itself (page previews). Only people with admin access reach those pages; every other directive
    stays strict.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(admin_prefix()):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN
        return parts


def admin_prefix():
    return reverse("wagtailadmin_home")
