from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .authoring import open_to_review
from .models import Outcome, ParticipantType, ToolkitIndexPage


class OutcomeViewSet(SnippetViewSet):
    model = Outcome
    icon = "tick-inverse"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ParticipantTypeViewSet(SnippetViewSet):
    model = ParticipantType
    icon = "group"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ToolkitTaxonomiesGroup(SnippetViewSetGroup):
    """Outcomes and participant types: the vocabularies trainers extend, reordered by dragging."""

    items = (OutcomeViewSet, ParticipantTypeViewSet)
    menu_label = _("Toolkit")
    menu_icon = "clipboard-list"
    menu_order = 300


register_snippet(ToolkitTaxonomiesGroup)


@hooks.register("after_create_page")
def open_new_library_to_review(request, page):
    """A library created in the admin takes methods from trainers, reviewed by the ministry, from the start."""
    if isinstance(page, ToolkitIndexPage):
        open_to_review(page)
