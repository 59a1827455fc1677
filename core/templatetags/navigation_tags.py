"""The site header's navigation, with addresses in the active language (Spanish unprefixed, others under /xx/)."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.locales import language_of

register = template.Library()

MAIN_NAVIGATION = [
    (_("Catalogue"), "/cursos/"),
    (_("Toolkit"), "/herramientas/"),
    (_("My learning"), "/mi-aprendizaje/"),
    (_("Verify a certificate"), "/certificados/verificar/"),
]
#: Any of these shows the "Reports" link (``/reportes/`` itself decides what each role sees).
REPORTS_PERMISSIONS = (
    "accounts.view_all_municipality_records",
    "accounts.view_own_municipality_records",
    "wagtailadmin.access_admin",
)
ADMIN_PERMISSION = "wagtailadmin.access_admin"


@register.simple_tag
def localized_path(path):
    """``path`` as it is addressed in the active language."""
    language = translation.get_language()
    if not language or language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


@register.simple_tag
def content_language(page):
    """The language ``page`` is written in, when it differs from the interface's (else an empty string)."""
    language = language_of(getattr(page, "locale_id", None))
    return language if language and language != translation.get_language() else ""


@register.inclusion_tag("navigation/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The header's links, and the person's own ones with what their permissions open (asked once each here,
    on every request, rather than through ``perms`` in the template)."""
    request = context["request"]
    items = []
    for label, path in MAIN_NAVIGATION:
        url = localized_path(path)
        items.append({"label": label, "url": url, "current": request.path.startswith(url)})
    user = context.get("user")
    signed_in = user is not None and user.is_authenticated
    return {
        "items": items,
        "request": request,
        "signed_in": signed_in,
        "reports": signed_in and any(user.has_perm(permission) for permission in REPORTS_PERMISSIONS),
        "admin": signed_in and user.has_perm(ADMIN_PERMISSION),
    }
