"""The home page: what the programme is and where to start, editable by the site's editors."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import HomeStreamBlock


class HomePage(Page):
    heading = models.CharField(_("headline"), max_length=120, help_text=_("The home page's main headline (h1)."))
    lead = models.TextField(
        _("lead"), max_length=500, blank=True, help_text=_("One or two sentences under the headline.")
    )
    body = StreamField(
        HomeStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The programme, its components and how to start."),
    )

    template = "pages/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("heading"), FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")
