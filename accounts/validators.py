"""Checks on what people type about themselves and their municipality.

Names are printed on certificates exactly as entered, so they may hold any letter, accent, mark, space or
punctuation of any script, but no invisible character that changes how the rest is shown or read: control
characters (Cc, e.g. NUL or a line break), format characters (Cf, among them the bidirectional overrides U+202A–E
and isolates U+2066–9 that can make "Pérez" print as "zeréP", and zero-width spaces), line and paragraph separators,
surrogates, private-use and unassigned code points.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}

DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")

#: Public mail services: anyone can have an address there, so none can prove who employs a person.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.cl",
        "outlook.com",
        "outlook.cl",
        "live.com",
        "live.cl",
        "yahoo.com",
        "yahoo.es",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "mail.com",
    }
)


def hidden_characters(value):
    """The characters of ``value`` a name may not hold, in order of appearance."""
    return [char for char in value if unicodedata.category(char) in REFUSED_CATEGORIES]


def validate_printable_name(value):
    hidden = hidden_characters(value)
    if hidden:
        codes = ", ".join(dict.fromkeys(f"U+{ord(char):04X}" for char in hidden))
        raise ValidationError(
            _(
                "The name holds invisible control or formatting characters (%(codes)s), which could change how it "
                "is printed on certificates. Type it again without them."
            ),
            code="hidden_characters",
            params={"codes": codes},
        )


def validate_domain(value):
    domain = value.strip().lower()
    if not DOMAIN.match(domain):
        raise ValidationError(
            _("Enter a domain such as talcahuano.cl: letters, digits, hyphens and dots, without @ or spaces."),
            code="invalid_domain",
        )
    if domain in PUBLIC_MAIL_DOMAINS:
        raise ValidationError(
            _("%(domain)s is a public mail service: anyone can have an address there, so it proves nothing."),
            code="public_domain",
            params={"domain": domain},
        )
