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
    request = context["request"]
    items = []
    for label, path in MAIN_NAVIGATION:
        url = localized_path(path)
        items.append({"label": label, "url": url, "current": request.path.startswith(url)})
    return {"items": items, "request": request, "user": context.get("user"), "perms": context.get("perms")}
