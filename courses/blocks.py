"""Blocks of a lesson body: the shared blocks plus video (with its transcript), documents and key takeaways."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

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


class LessonStreamBlock(BaseStreamBlock):
    video = VideoBlock()
    document = DocumentBlock()
    takeaways = TakeawaysBlock()
    method = MethodCardBlock()
