from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .audit import FORMATTERS
from .models import Municipality


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    add_to_admin_menu = True
    menu_order = 800
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    ordering = ["name"]


register_snippet(MunicipalityViewSet)


@hooks.register("register_log_actions")
def register_people_log_actions(actions):
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
