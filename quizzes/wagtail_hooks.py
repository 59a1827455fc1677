from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import BankQuestion, QuizPage
from .views import may_see_analysis


class BankQuestionViewSet(SnippetViewSet):
    model = BankQuestion
    icon = "help"
    menu_label = _("Question bank")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["text", "topic", "question_type", "points"]
    list_filter = ["question_type"]
    search_fields = ["text", "topic"]
    ordering = ["topic", "pk"]


register_snippet(BankQuestionViewSet)


@hooks.register("register_page_header_buttons")
def item_analysis_button(page, user, view_name, next_url=None):
    """ "Análisis de preguntas" in a quiz's header in the admin, for those who may read it."""
    if isinstance(page.specific_deferred, QuizPage) and may_see_analysis(user, page.specific_deferred):
        yield Button(
            _("Item analysis"),
            reverse("quizzes:item_analysis", kwargs={"quiz_id": page.pk}),
            icon_name="table",
            priority=60,
        )
