"""The fixed vocabularies of the library: the programme's components, design phases, channels, difficulty and bands.

These are choices in code, not snippets, because the programme and the code both depend on them: the component
decks, the bands computed from minutes and group sizes, and the "Quiero…" links name their values, and a new
component or phase is a change to the programme, not an edit. Their labels are interface strings, translated with
the rest of the interface. The vocabularies trainers extend (outcomes, participant types) are snippets in
``models.taxonomy``.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Component(models.TextChoices):
    CODESIGN = "codiseno", _("Co-design")
    ROADMAP = "hoja_de_ruta", _("Co-created roadmap")
    OPEN_CHALLENGE = "desafio_abierto", _("Open challenge")
    LAB = "laboratorio", _("Innovation lab")
    CROSS_CUTTING = "transversal", _("Cross-cutting")


class Phase(models.TextChoices):
    DISCOVER = "descubrir", _("Discover")
    DEFINE = "definir", _("Define")
    DEVELOP = "desarrollar", _("Develop")
    TEST = "probar", _("Test")
    SCALE = "escalar", _("Scale")


class Channel(models.TextChoices):
    IN_PERSON = "presencial", _("In person")
    ONLINE = "en_linea", _("Online")
    MOBILE_APP = "app_movil", _("Mobile app")
    SMS = "sms", _("SMS")
    HYBRID = "hibrido", _("Hybrid")


class Difficulty(models.IntegerChoices):
    BASIC = 1, pgettext_lazy("difficulty", "Basic")
    MEDIUM = 2, pgettext_lazy("difficulty", "Medium")
    ADVANCED = 3, pgettext_lazy("difficulty", "Advanced")


@dataclass(frozen=True)
class Band:
    """A range of minutes or people, inclusive at both ends; ``upper`` is ``None`` when open-ended."""

    key: str
    label: str
    lower: int
    upper: int | None

    def overlaps(self, low, high):
        """Whether ``low``–``high`` (``high`` ``None`` for open-ended) shares a value with this band."""
        return (self.upper is None or low <= self.upper) and (high is None or high >= self.lower)


# A method's duration band is taken from its longest duration: a method of 45–90 minutes needs an afternoon slot.
DURATION_BANDS = (
    Band("lt1h", _("Under 1 hour"), 0, 59),
    Band("1to3h", _("1 to 3 hours"), 60, 180),
    Band("halfday", _("Half a day to a day"), 181, 480),
    Band("days", _("Several days"), 481, 2400),
    Band("weeks", _("Weeks or more"), 2401, None),
)

# A method belongs to every group band its size range overlaps: one for 3–8 people works for 5 and for 8.
GROUP_BANDS = (
    Band("1to5", _("1 to 5 people"), 1, 5),
    Band("6to15", _("6 to 15 people"), 6, 15),
    Band("16to50", _("16 to 50 people"), 16, 50),
    Band("50plus", _("More than 50 people"), 51, None),
)
