"""What a question is, wherever it is kept: inline in a quiz page or in the shared question bank.

``QuestionFields`` and ``ChoiceFields`` are abstract: ``pages.Question``/``pages.Choice`` (a quiz's own questions)
and ``bank.BankQuestion``/``bank.BankChoice`` (the bank) share their fields, their validation and ``freeze``,
which turns a question into the plain data an attempt keeps (text, choices and grading key), so that editing
or deleting the question afterwards never changes what the attempt was asked or how it is graded.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    SHORT_TEXT = "short_text", _("Short text")
    NUMERIC = "numeric", _("Numeric")


#: Types answered by picking among choices (true/false is frozen as two choices, "Verdadero" and "Falso").
CHOICE_TYPES = {QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE}
#: Types whose choices the author writes.
AUTHORED_CHOICE_TYPES = {QuestionType.SINGLE, QuestionType.MULTIPLE}
MAX_CHOICES = 10


class QuestionFields(models.Model):
    question_type = models.CharField(
        _("type"), max_length=12, choices=QuestionType.choices, default=QuestionType.SINGLE
    )
    text = models.TextField(_("question"), max_length=1000)
    points = models.PositiveSmallIntegerField(
        _("points"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    explanation = models.TextField(
        _("explanation"),
        max_length=2000,
        blank=True,
        help_text=_("Shown to the learner after grading, whatever they answered."),
    )
    partial_credit = models.BooleanField(
        _("partial credit"),
        default=False,
        help_text=_(
            "Multiple choice only. Each correct choice ticked earns its share of the points and each wrong one "
            "takes a share away (never below zero). Unchecked: all or nothing."
        ),
    )
    true_false_answer = models.BooleanField(
        _("the statement is"),
        null=True,
        blank=True,
        choices=[(True, _("True")), (False, _("False"))],
        help_text=_("True or false only."),
    )
    accepted_answers = models.TextField(
        _("accepted answers"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Short text only. One per line; compared ignoring capitals, accents and surrounding spaces "
            "(“Participación” matches “participacion”)."
        ),
    )
    numeric_answer = models.DecimalField(
        _("correct number"), max_digits=14, decimal_places=4, null=True, blank=True, help_text=_("Numeric only.")
    )
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=14,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Numeric only. Answers this far from the correct number, either way, are accepted."),
    )

    question_panels = [
        FieldRowPanel([FieldPanel("question_type"), FieldPanel("points")]),
        FieldPanel("text"),
        InlinePanel("choices", label=_("Choices"), max_num=MAX_CHOICES),
        FieldPanel("partial_credit"),
        MultiFieldPanel(
            [
                FieldPanel("true_false_answer"),
                FieldPanel("accepted_answers"),
                FieldRowPanel([FieldPanel("numeric_answer"), FieldPanel("tolerance")]),
            ],
            heading=_("Answer (for true/false, short text and numeric questions)"),
        ),
        FieldPanel("explanation"),
    ]

    class Meta:
        abstract = True

    def __str__(self):
        return self.text[:80]

    def accepted_list(self):
        return [line.strip() for line in self.accepted_answers.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if self.question_type == QuestionType.TRUE_FALSE and self.true_false_answer is None:
            raise ValidationError({"true_false_answer": _("Say whether the statement is true or false.")})
        if self.question_type == QuestionType.SHORT_TEXT and not self.accepted_list():
            raise ValidationError({"accepted_answers": _("Give at least one accepted answer.")})
        if self.question_type == QuestionType.NUMERIC and self.numeric_answer is None:
            raise ValidationError({"numeric_answer": _("Give the correct number.")})

    def freeze(self, key, choices):
        """The question as an attempt keeps it. ``choices`` are this question's choices, in the order to show."""
        frozen = {
            "key": key,
            "type": self.question_type,
            "text": self.text,
            "points": self.points,
            "explanation": self.explanation,
        }
        if self.question_type == QuestionType.TRUE_FALSE:
            frozen["choices"] = [
                {"text": gettext("True"), "correct": self.true_false_answer is True, "feedback": ""},
                {"text": gettext("False"), "correct": self.true_false_answer is False, "feedback": ""},
            ]
        elif self.question_type in AUTHORED_CHOICE_TYPES:
            frozen["choices"] = [choice.freeze() for choice in choices]
            frozen["partial_credit"] = self.question_type == QuestionType.MULTIPLE and self.partial_credit
        elif self.question_type == QuestionType.SHORT_TEXT:
            frozen["accepted"] = self.accepted_list()
        else:
            frozen["answer"] = str(self.numeric_answer)
            frozen["tolerance"] = str(self.tolerance or Decimal(0))
        return frozen


class ChoiceFields(models.Model):
    text = models.CharField(_("choice"), max_length=500)
    correct = models.BooleanField(_("correct"), default=False)
    feedback = models.CharField(
        _("feedback"), max_length=500, blank=True, help_text=_("Shown after grading to learners who chose it.")
    )

    panels = [FieldPanel("text"), FieldPanel("correct"), FieldPanel("feedback")]

    class Meta:
        abstract = True

    def __str__(self):
        return self.text

    def freeze(self):
        return {"text": self.text, "correct": self.correct, "feedback": self.feedback}


def choices_problem(question_type, choices):
    """Why a question's ``choices`` (``(text, correct)`` pairs, deleted ones left out) do not fit its type, or
    ``None``. Used by the quiz page and question bank forms, which see the nested choice forms."""
    if question_type not in AUTHORED_CHOICE_TYPES:
        return None
    correct = sum(1 for _text, is_correct in choices if is_correct)
    if len(choices) < 2:
        return _("A choice question needs at least two choices.")
    if question_type == QuestionType.SINGLE and correct != 1:
        return _("A single-choice question needs exactly one correct choice.")
    if question_type == QuestionType.MULTIPLE and correct < 1:
        return _("A multiple-choice question needs at least one correct choice.")
    return None


def check_question_form(question_form):
    """Add an error to a (nested) question form whose choices do not fit its type; return whether it had one."""
    # The page form is cleaned before its nested forms: clean them now (Django caches the result).
    question_form.is_valid()
    data = getattr(question_form, "cleaned_data", None) or {}
    if not data or data.get("DELETE"):
        return False
    choice_forms = question_form.formsets["choices"].forms
    choices = [
        (form.cleaned_data.get("text"), form.cleaned_data.get("correct", False))
        for form in choice_forms
        if form.is_valid() and form.cleaned_data.get("text") and not form.cleaned_data.get("DELETE")
    ]
    problem = choices_problem(data.get("question_type"), choices)
    if problem:
        question_form.add_error(None, problem)
        return True
    return False
