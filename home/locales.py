"""The language of each Wagtail locale, kept in memory.

Every page names its locale by id; ``base.html`` needs the language of the page it renders, and reading the locale row
on every request would cost a query per page. Locales are created once and practically never edited, so the mapping
is loaded on first use and dropped whenever a locale is saved or deleted.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale

_language_codes = {}


def language_of(locale_id):
    """The language code of the locale with this id (``None`` if there is no such locale)."""
    if locale_id is not None and locale_id not in _language_codes:
        _language_codes.update(Locale.objects.values_list("id", "language_code"))
    return _language_codes.get(locale_id)


@receiver([post_save, post_delete], sender=Locale)
def forget_language_codes(**kwargs):
    _language_codes.clear()
