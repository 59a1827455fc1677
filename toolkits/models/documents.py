"""The printable PDFs the library generates in the background: one card per method, one deck per component.

Each PDF remembers the ``fingerprint`` of the content it was made from (the method's live revision; for a deck,
its methods and their revisions). A PDF is current while the fingerprint still matches; the download view only
ever serves current files and the tasks only render stale ones, so nothing is rendered twice or in a request.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import Component
from .pages import MethodPage


class GeneratedPdf(models.Model):
    file = models.FileField(_("file"), upload_to="herramientas/", max_length=200)
    fingerprint = models.CharField(_("content fingerprint"), max_length=64)
    pages = models.PositiveSmallIntegerField(_("pages"))
    generated_at = models.DateTimeField(_("generated at"), auto_now=True)

    class Meta:
        abstract = True

    def is_current(self, fingerprint):
        return bool(self.file) and self.fingerprint == fingerprint


class MethodCard(GeneratedPdf):
    """The one- or two-page A4 card of a method, made from its live revision."""

    method = models.OneToOneField(
        MethodPage, verbose_name=_("method"), on_delete=models.CASCADE, related_name="printable_card"
    )

    class Meta:
        verbose_name = _("method card")
        verbose_name_plural = _("method cards")

    def __str__(self):
        return self.file.name


class ComponentDeck(GeneratedPdf):
    """Every published method of one programme component, with a contents page, for workshops."""

    component = models.CharField(_("component"), max_length=20, choices=Component.choices, unique=True)

    class Meta:
        verbose_name = _("component deck")
        verbose_name_plural = _("component decks")

    def __str__(self):
        return self.get_component_display()
