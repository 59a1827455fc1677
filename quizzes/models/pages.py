"""The quiz page: a course item with its settings, its own questions (inline, with their choices inline in
them) and the bank questions it draws on.

Learners see the page (``serve`` from ``CourseItem`` checks access) with their attempts and a button to start
one; everything else a learner does is a POST to ``quizzes.views``. An editor's preview lists the questions with
their answers marked, to check them before publishing.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.models import CourseItem
from home.blocks import RICH_TEXT_FEATURES
from home.published import kept

from .bank import BankQuestion
from .questions import ChoiceFields, QuestionFields, check_question_form


class QuizPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        problems = [check_question_form(form) for form in self.formsets["questions"].forms]
        if any(problems):
            self.add_error(None, _("Some questions have choices that do not fit their type: see below."))
        return cleaned


class QuizPage(CourseItem):
    introduction = RichTextField(
        _("introduction"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What the quiz covers and what it takes to pass, shown before starting."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Leave empty for unlimited attempts."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Leave empty for no limit. Answers sent after the limit (plus one minute) are not accepted."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    draw_count = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_(
            "Draw this many questions at random from the quiz's pool (its questions and bank questions), so that "
            "attempts differ. Leave empty to ask them all."
        ),
    )

    manual_completion = False
    template = "pages/quiz_page.html"
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []
    base_form_class = QuizPageForm

    content_panels = [
        *Page.content_panels,
        *CourseItem.item_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("attempts_allowed"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("draw_count"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
            ],
            heading=_("Settings"),
        ),
        InlinePanel("questions", label=_("Questions"), heading=_("Questions")),
        InlinePanel(
            "bank_questions",
            label=_("Question from the bank"),
            heading=_("Questions from the bank"),
            panels=[FieldPanel("question")],
        ),
    ]
    search_fields = [*CourseItem.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def pool(self):
        """Every question this quiz may ask, as ``(key, question, choices)`` in authoring order: its own
        questions (``q<id>``), then those from the bank (``b<id>``). Works on a saved page (three queries) and on
        the unsaved copy an editor previews."""
        own = [
            (f"q{question.pk}", question, list(question.choices.all()))
            for question in self.questions.all().order_by("sort_order").prefetch_related("choices")
        ]
        links = self.bank_questions.all().select_related("question").prefetch_related("question__choices")
        banked = [
            (f"b{link.question_id}", link.question, list(link.question.choices.all()))
            for link in links
            if link.question_id
        ]
        return own + banked

    def published_pool(self, request=None):
        """``pool()`` of the published quiz, kept between publications (``home.published``)."""
        return kept(request, ("quiz pool", self.pk), self.pool)

    def question_count(self, pool_size):
        return min(self.draw_count, pool_size) if self.draw_count else pool_size

    def get_context(self, request, *args, **kwargs):
        from ..learner import QuizProgress

        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            context["preview_questions"] = [question.freeze(key, choices) for key, question, choices in self.pool()]
        else:
            context["progress"] = QuizProgress.load(self, request.user, context["outline"].enrolment, request)
        return context


class Question(Orderable, QuestionFields, ClusterableModel):
    """One of a quiz's own questions (authored inline on the quiz page)."""

    page = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="questions")

    panels = QuestionFields.question_panels

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")


class Choice(Orderable, ChoiceFields):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")


class QuizBankQuestion(Orderable):
    """A bank question this quiz uses (in its pool, after its own questions)."""

    page = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="bank_questions")
    question = models.ForeignKey(
        BankQuestion, verbose_name=_("bank question"), on_delete=models.CASCADE, related_name="quiz_links"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("question from the bank")
        verbose_name_plural = _("questions from the bank")
        constraints = [
            models.UniqueConstraint(fields=["page", "question"], name="quiz_bank_question_once_per_quiz"),
        ]
