"""Blocks shared by every page body. Apps add their own blocks by extending ``BaseStreamBlock``."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"
        form_classname = "title"
        label = _("Section heading")
        description = _("A heading that divides the text into sections; shown as h2.")
        preview_value = "Cómo preparar el taller"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "components/blocks/paragraph_block.html"
        label = _("Text")
        description = _("Paragraphs with bold, italics, lists and links.")
        preview_value = (
            "<p>Un mapa de actores muestra <b>quién</b> influye en un servicio de transporte y quién se ve "
            "afectado por él.</p>"
        )


class CalloutValue(blocks.StructValue):
    def css_modifier(self):
        return f"callout--{self.get('kind')}"

    def kind_label(self):
        return dict(CalloutBlock.KINDS).get(self.get("kind"), "")


class CalloutBlock(blocks.StructBlock):
    KINDS = [("consejo", _("Tip")), ("atencion", _("Warning")), ("ejemplo", _("Example"))]

    kind = blocks.ChoiceBlock(choices=KINDS, default="consejo", label=_("kind"))
    title = blocks.CharBlock(label=_("title"), required=False)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("text"))

    class Meta:
        icon = "help"
        template = "components/blocks/callout_block.html"
        value_class = CalloutValue
        label = _("Callout")
        description = _("A tip, a warning or an example set apart from the text.")
        preview_value = {
            "kind": "consejo",
            "title": "Empiece por escuchar",
            "text": "<p>Antes de proponer soluciones, converse con quienes usan el paradero todos los días.</p>",
        }


class CaptionedImageBlock(blocks.StructBlock):
    """An image with its alternative text, required unless the editor marks the image as decorative (then it is
    rendered with an empty ``alt`` and screen readers skip it)."""

    image = ImageChooserBlock(label=_("image"))
    decorative = blocks.BooleanBlock(
        label=_("decorative image"),
        required=False,
        help_text=_("Tick only if the image adds nothing to the text (an ornament): screen readers will skip it."),
    )
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        required=False,
        help_text=_("Describe what the image shows for someone who cannot see it. Required unless decorative."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if value.get("decorative"):
            value["alt_text"] = ""
        elif not (value.get("alt_text") or "").strip():
            message = _("Describe what the image shows, or mark it as decorative.")
            raise StructBlockValidationError(block_errors={"alt_text": ValidationError(message)})
        return value

    class Meta:
        icon = "image"
        template = "components/blocks/captioned_image_block.html"
        label = _("Image with caption")
        description = _("An image sized for the screen, with alternative text and an optional caption.")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    callout = CalloutBlock()
    image = CaptionedImageBlock()


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), max_length=400)


class CardGridBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("title"), required=False)
    cards = blocks.ListBlock(CardBlock(), label=_("cards"), min_num=1, max_num=8)

    class Meta:
        icon = "table"
        template = "components/blocks/card_grid_block.html"
        label = _("Cards")
        description = _("A group of short cards, e.g. the programme's components.")
        preview_value = {
            "heading": "Los componentes del programa",
            "cards": [
                {"title": "Co-diseño", "text": "Soluciones diseñadas con quienes viajan."},
                {"title": "Hoja de ruta", "text": "Un camino acordado para escalar lo que funciona."},
            ],
        }


class HomeStreamBlock(BaseStreamBlock):
    cards = CardGridBlock()
