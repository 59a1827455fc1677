"""The vocabularies trainers extend in the admin: what a method achieves and who takes part.

They are snippets rather than choices because they grow with practice (a trainer adds "Evaluar" or "Personas
mayores" without a developer) and because their names are content, written in Spanish like the methods. Their
slugs appear in shareable addresses (``?resultado=entender``), so they are set once and kept.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.search import index


class Term(index.Indexed, Orderable):
    name = models.CharField(_("name"), max_length=60, unique=True, help_text=_("As officials will read it."))
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("Used in the library's shareable addresses; changing it breaks links already shared."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Outcome(Term):
    """What a method helps a team achieve: understand, generate ideas, prioritise, build consensus, validate…"""

    class Meta(Term.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")


class ParticipantType(Term):
    """Who takes part in a method: officials, citizens, universities, firms, civil society, transport operators…"""

    class Meta(Term.Meta):
        verbose_name = _("participant type")
        verbose_name_plural = _("participant types")
