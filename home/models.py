"""The home page: what the programme is and where to start, editable by the site's editors."""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.published import KeptViewRestrictions

from .blocks import HomeStreamBlock


class HomePage(KeptViewRestrictions, Page):
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

    def route(self, request, path_components):
        """Serve a page of another language's tree when this one has no translation of it.

        Courses and methods are written in Spanish; an English visitor of /en/cursos/… gets the Spanish page with the
        English interface (``base.html`` marks the content's language) instead of a dead end.
        """
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components or self.locale.language_code == settings.LANGUAGE_CODE:
                raise
            original = self.get_translations().filter(locale__language_code=settings.LANGUAGE_CODE).first()
            if original is None:
                raise
            return original.specific.route(request, path_components)

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")
