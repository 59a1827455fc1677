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

from core.published import kept
from courses.models import CourseItem
from home.blocks import RICH_TEXT_FEATURES

from .bank import BankQuestion
from .questions import ChoiceFields, QuestionFields, check_question_form


class AnswerReveal(models.TextChoices):
    """When a learner's graded attempt shows the correct answers, the explanations and each choice's feedback.

    A graded quiz that shows them after every attempt turns the next attempt into a lookup, so "always" is for
    practice quizzes; graded ones wait until the learner passes or has used their last attempt (the default).
    """

    NEVER = "never", _("Never")
    AFTER_PASSING = "passed", _("After passing")
    AFTER_LAST_ATTEMPT = "last_attempt", _("After the last attempt")
    AFTER_PASSING_OR_LAST_ATTEMPT = "passed_or_last", _("After passing or the last attempt")
    ALWAYS = "always", _("After every attempt (practice quizzes only)")

    @classmethod
    def default_for(cls, optional):
        return cls.ALWAYS if optional else cls.AFTER_PASSING_OR_LAST_ATTEMPT

    def reveals(self, *, passed, attempts_left):
        """Whether a learner who has (or has not) ``passed`` and has ``attempts_left`` (``None``: unlimited) sees
        the answers of their graded attempts."""
        after_passing = self in (self.AFTER_PASSING, self.AFTER_PASSING_OR_LAST_ATTEMPT) and passed
        after_last = self in (self.AFTER_LAST_ATTEMPT, self.AFTER_PASSING_OR_LAST_ATTEMPT) and attempts_left == 0
        return self == self.ALWAYS or after_passing or after_last


class QuizPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        problems = [check_question_form(form) for form in self.formsets["questions"].forms]
        if any(problems):
            self.add_error(None, _("Some questions have choices that do not fit their type: see below."))
        if cleaned.get("show_answers") == AnswerReveal.ALWAYS and not cleaned.get("optional"):
            self.add_error(
                "show_answers",
                _(
                    "A quiz that counts towards the course cannot show its answers after every attempt: the next "
                    "attempt would be a lookup. Make it optional (practice) or choose another moment."
                ),
            )
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
    show_answers = models.CharField(
        _("show the correct answers"),
        max_length=20,
        choices=AnswerReveal.choices,
        default=AnswerReveal.AFTER_PASSING_OR_LAST_ATTEMPT,
        help_text=_(
            "When a learner's graded attempts show the correct answers and explanations. With unlimited attempts "
            "there is no last attempt. “After every attempt” is for practice quizzes."
        ),
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
                FieldPanel("show_answers"),
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
        """``pool()`` of the published quiz, kept between publications (``core.published``)."""
        return kept(("quiz pool", self.pk), self.pool)

    def question_count(self, pool_size):
        return min(self.draw_count, pool_size) if self.draw_count else pool_size


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
