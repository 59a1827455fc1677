"""The language of each Wagtail locale, cached with the published site (``core.published``).

Every page names its locale by id; ``base.html`` needs the language of the page it renders, and reading the locale row
on every request would cost a query per page. A saved or deleted locale starts a new generation of the published
site, so every process sees the change on its next request.
"""

from wagtail.models import Locale

from .published import kept


def language_of(locale_id):
    """The language code of the locale with this id (``None`` if there is no such locale)."""
    if locale_id is None:
        return None
    languages = kept(("locale languages",), lambda: dict(Locale.objects.values_list("id", "language_code")))
    return languages.get(locale_id)
