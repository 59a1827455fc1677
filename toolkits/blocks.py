"""Blocks of a method page, and the method card that lessons (and related methods) embed."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from home.blocks import RICH_TEXT_FEATURES

# Steps, examples and notes are short texts meant to print well: no headings, images or embeds.
METHOD_TEXT_FEATURES = [feature for feature in RICH_TEXT_FEATURES if feature != "document-link"]


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120, help_text=_("What to do, starting with a verb."))
    text = blocks.RichTextBlock(features=METHOD_TEXT_FEATURES, label=_("how"))

    class Meta:
        icon = "list-ol"
        template = "components/blocks/step_block.html"
        label = _("Step")
        description = _("One step of the method, in the order a team follows it.")
        preview_value = {
            "title": "Defina el problema y el territorio",
            "text": "<p>Escriba una pregunta concreta: «¿Quiénes intervienen en la mantención de los paraderos de "
            "la Av. Colón, en Talcahuano?».</p>",
        }


class ExampleBlock(blocks.StructBlock):
    place = blocks.CharBlock(label=_("place"), max_length=120, help_text=_("The comuna or comunas."))
    year = blocks.IntegerBlock(label=_("year"), min_value=1990, max_value=2100)
    summary = blocks.RichTextBlock(
        features=METHOD_TEXT_FEATURES,
        label=_("summary"),
        help_text=_("What was done and what came of it. Say so when the example is illustrative."),
    )

    class Meta:
        icon = "site"
        template = "components/blocks/example_block.html"
        label = _("Example")
        description = _("Where and when the method was used, and what came of it.")
        preview_value = {
            "place": "Talcahuano",
            "year": 2014,
            "summary": "<p><i>Ejemplo ilustrativo.</i> El equipo de Tránsito mapeó a los actores de los paraderos "
            "de un eje muy transitado.</p>",
        }


class WorksheetBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"), required=False, max_length=120, help_text=_("Leave empty to use the document's title.")
    )

    class Meta:
        icon = "doc-full"
        template = "components/blocks/worksheet_block.html"
        label = _("Template")
        description = _("A worksheet, guide or scoring sheet to download and fill in.")


class MethodCardValue(blocks.StructValue):
    def live_method(self):
        """The chosen method while it is published; a card for an unpublished method shows nothing."""
        page = self.get("method")
        return page if page is not None and page.live else None


class MethodCardBlock(blocks.StructBlock):
    """A card for one toolkit method: title, what it is, time, group, difficulty and a link to it.

    The card reads everything from the method page, so it stays right when the method is edited. The chooser
    records the link in Wagtail's reference index, which is how a method page finds the lessons that use it.
    """

    method = blocks.PageChooserBlock(page_type="toolkits.MethodPage", label=_("method"))
    note = blocks.CharBlock(
        label=_("note"),
        required=False,
        max_length=200,
        help_text=_("Optional: one sentence on why this method fits here."),
    )

    class Meta:
        icon = "clipboard-list"
        template = "components/blocks/method_card_block.html"
        value_class = MethodCardValue
        label = _("Toolkit method")
        description = _("A card that links to a method of the toolkit, with its time, group size and difficulty.")

    def get_preview_value(self):
        from .models import MethodPage

        return self.to_python({"method": MethodPage.objects.live().values_list("pk", flat=True).first()})


def method_card(slug):
    """The value of a ``MethodCardBlock`` for the method with this slug, for demo loaders and fixtures.

    Raises ``MethodPage.DoesNotExist`` with the slug in the message when there is no such method.
    """
    from .models import MethodPage

    try:
        method = MethodPage.objects.get(slug=slug)
    except MethodPage.DoesNotExist:
        raise MethodPage.DoesNotExist(f"No toolkit method has the slug {slug!r}.") from None
    return {"method": method, "note": ""}
