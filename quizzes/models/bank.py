"""The question bank: questions kept apart from any quiz, so that trainers can reuse them and build pools."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from .questions import ChoiceFields, QuestionFields, check_question_form


class BankQuestionForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        check_question_form(self)
        return cleaned


class BankQuestion(index.Indexed, QuestionFields, ClusterableModel):
    """A question in the shared bank. Quizzes list the bank questions they use (``QuizPage.bank_questions``)."""

    topic = models.CharField(
        _("topic"),
        max_length=120,
        blank=True,
        help_text=_("A word or two to find it again in the bank, e.g. Ley 19.628."),
    )

    panels = [FieldPanel("topic"), *QuestionFields.question_panels]
    base_form_class = BankQuestionForm
    search_fields = [index.SearchField("text"), index.SearchField("topic"), index.AutocompleteField("text")]

    class Meta:
        verbose_name = _("bank question")
        verbose_name_plural = _("question bank")
        ordering = ["topic", "pk"]


class BankChoice(Orderable, ChoiceFields):
    question = ParentalKey(BankQuestion, on_delete=models.CASCADE, related_name="choices")

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
