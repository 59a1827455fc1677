"""Django's own form messages in the site's voice.

Django's Spanish catalogue asks people to "Introduzca…" where every message of the site says "Ingrese…". Listing
the messages a front-end form can show here puts them in ``core``'s catalogue, which Django reads before its own
(project apps come first in ``INSTALLED_APPS``), so one verb is used throughout. Nothing calls this list: it is
what ``makemessages`` reads.
"""

from django.utils.translation import gettext_noop

DJANGO_FORM_MESSAGES = (
    gettext_noop("Enter a valid value."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid integer."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter only digits separated by commas."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid time."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Enter a valid duration."),
    gettext_noop("Enter a list of values."),
    gettext_noop("Enter a complete value."),
    gettext_noop("Enter a valid UUID."),
)
