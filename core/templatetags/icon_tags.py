"""Interface icons from the project's SVG sprite (``static/img/icons.svg``), one ``<use>`` each.

Icons are decorative by default (the text beside them says what they mean); pass ``label`` when an icon stands
alone, and it is announced as an image with that name.
"""

import functools

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@functools.cache
def sprite_url():
    """The sprite's address (hashed in production): the same for the life of the process, and asked for by every
    icon of every page."""
    return static("img/icons.svg")


def forget_sprite_url(setting, **kwargs):
    if setting in {"STATIC_URL", "STORAGES"}:
        sprite_url.cache_clear()


@register.simple_tag
def icon(name, label="", css_class=""):
    classes = f"icon icon--{name} {css_class}".strip()
    hidden = mark_safe('aria-hidden="true"')  # noqa: S308 -- a constant
    accessible = format_html('role="img" aria-label="{}"', label) if label else hidden
    return format_html(
        '<svg class="{}" {} focusable="false"><use href="{}#{}"></use></svg>',
        classes,
        accessible,
        sprite_url(),
        name,
    )
