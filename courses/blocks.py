"""Blocks of a lesson body: the shared blocks plus figures, video (with its transcript), documents and key takeaways."""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from home.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from toolkits.blocks import MethodCardBlock

#: Where lesson videos may come from; the Content-Security-Policy's ``frame-src`` lets exactly their players in.
VIDEO_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "vimeo.com", "www.vimeo.com"}


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video. The transcript is required: many learners read on a slow connection or without
    sound, and people who cannot hear the video must get the same content."""

    video = EmbedBlock(
        label=_("video address"),
        help_text=_("The address of the video on YouTube or Vimeo, e.g. https://www.youtube.com/watch?v=…"),
    )
    title = blocks.CharBlock(label=_("title"), max_length=200, help_text=_("What the video shows, in a few words."))
    transcript = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("transcript"),
        help_text=_("Everything that is said and shown in the video, as text. Required."),
    )

    def clean(self, value):
        video = value.get("video")
        if video and (urlsplit(video.url).hostname or "").lower() not in VIDEO_HOSTS:
            message = _("Use the address of a YouTube or Vimeo video.")
            raise StructBlockValidationError(block_errors={"video": ValidationError(message)})
        return super().clean(value)

    class Meta:
        icon = "media"
        template = "components/blocks/video_block.html"
        label = _("Video with transcript")
        description = _("An embedded video followed by its full transcript.")
        preview_value = {
            "video": None,
            "title": "Un viaje en micro de Hualqui a Concepción",
            "transcript": "<p>Son las siete de la mañana en el paradero de la plaza de Hualqui…</p>",
        }


class DocumentValue(blocks.StructValue):
    def link_text(self):
        return self.get("title") or self["document"].title

    def file_details(self):
        """E.g. "PDF, 120 KB": what a learner on a metered connection wants to know before downloading."""
        document = self["document"]
        size = document.get_file_size()
        kind = document.file_extension.upper()
        return f"{kind}, {filesizeformat(size)}" if size else kind


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.TextBlock(
        label=_("description"), required=False, max_length=300, help_text=_("What the document is for (optional).")
    )

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document_block.html"
        value_class = DocumentValue
        label = _("Downloadable document")
        description = _("A worksheet, guide or template to download, with its format and size.")


class TakeawaysBlock(blocks.ListBlock):
    """The two to four ideas to remember, usually the lesson's last block."""

    def __init__(self, **kwargs):
        super().__init__(blocks.CharBlock(label=_("idea"), max_length=300), min_num=1, max_num=6, **kwargs)

    class Meta:
        icon = "list-ul"
        template = "components/blocks/takeaways_block.html"
        label = _("Key takeaways")
        description = _("The ideas to remember from the lesson, shown as a highlighted list.")
        preview_value = [
            "Escuchar a quienes viajan antes de decidir la solución.",
            "Probar en pequeño antes de invertir en grande.",
        ]


#: The opening tag of an SVG document and the numbers of its viewBox (min-x, min-y, width, height).
SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
VIEW_BOX = re.compile(rb"""viewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)""", re.IGNORECASE)


class FigureValue(blocks.StructValue):
    def drawing_size(self):
        """The drawing's width and height from its viewBox, so the page keeps its place before it loads (no layout
        shift). Read once per publication: the lesson body is rendered once and kept."""
        drawing = self.get("drawing")
        if drawing is None:
            return None
        try:
            with drawing.file.open("rb") as svg:
                head = svg.read(4096)
        except OSError:
            return None
        tag = SVG_TAG.search(head)
        box = VIEW_BOX.search(tag.group(0)) if tag else None
        return (round(float(box.group(1))), round(float(box.group(2)))) if box else None


class FigureBlock(blocks.StructBlock):
    """A diagram that explains: a journey map, a roadmap's timeline, a challenge's stages, a stakeholder map.

    Either a picture (JPEG, PNG or WebP, shown as renditions sized for the screen) or a drawing uploaded as an SVG
    document, which stays sharp at any width and weighs a few kilobytes. Documents are served as attachments with a
    policy that forbids scripts, and an SVG shown in an ``<img>`` runs none, so a drawing cannot act on the site.
    """

    image = ImageChooserBlock(
        label=_("image"), required=False, help_text=_("A photograph or a diagram as JPEG, PNG or WebP.")
    )
    drawing = DocumentChooserBlock(
        label=_("SVG drawing"),
        required=False,
        help_text=_("Or a diagram uploaded as an SVG document: it stays sharp at any size. Choose one of the two."),
    )
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=600,
        help_text=_("What the figure shows and what it means, for someone who cannot see it. Required."),
    )
    caption = blocks.CharBlock(
        label=_("caption"), required=False, max_length=300, help_text=_("Shown below the figure (optional).")
    )

    def clean(self, value):
        image, drawing = value.get("image"), value.get("drawing")
        if bool(image) == bool(drawing):
            message = _("Choose an image or an SVG drawing: one of the two.")
            raise StructBlockValidationError(block_errors={"image": ValidationError(message)})
        if drawing and drawing.file_extension.lower() != "svg":
            message = _("Choose a document in SVG format, or use the image instead.")
            raise StructBlockValidationError(block_errors={"drawing": ValidationError(message)})
        return super().clean(value)

    class Meta:
        icon = "image"
        template = "components/blocks/figure_block.html"
        value_class = FigureValue
        label = _("Figure")
        description = _("A diagram or picture that explains, with its alternative text and a caption.")


class LessonStreamBlock(BaseStreamBlock):
    figure = FigureBlock()
    video = VideoBlock()
    document = DocumentBlock()
    takeaways = TakeawaysBlock()
    method = MethodCardBlock()
