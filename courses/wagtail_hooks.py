from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .authoring import sync_course_team
from .models import CoursePage, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Course topics")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(TopicViewSet)


@hooks.register("after_create_page")
def give_new_course_to_its_trainers(request, page):
    """The trainers chosen when a course is created can write it at once, before it is ever published."""
    if isinstance(page, CoursePage):
        sync_course_team(page)
