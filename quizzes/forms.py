"""The form a learner answers an attempt with, built from the attempt's frozen questions.

Fields are named by position (``q1``, ``q2``…) and choices by their position in the order shown, so the form
says nothing about which choice is correct or where a question came from. Answers are optional (an unanswered
question earns nothing). The form refuses, without grading anything: answers to questions the attempt does not
have, unknown choices, a field sent twice, a file instead of text, text over the length limit and numbers that
are not numbers.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .grading import parse_number
from .models.questions import QuestionType

QUESTION_FIELD = re.compile(r"q\d+")
MAX_TEXT_ANSWER = 200


class NumberAnswerField(forms.CharField):
    default_error_messages = {"invalid": _("Enter a number, for example 35 or 35,5.")}

    def __init__(self, **kwargs):
        # No max_length: its validator would measure the number; ``parse_number`` refuses over 30 characters.
        attrs = {"inputmode": "decimal", "autocomplete": "off", "maxlength": 30}
        super().__init__(widget=forms.TextInput(attrs=attrs), **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        number = parse_number(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


def answer_field(question):
    kind = question["type"]
    options = {"label": question["text"], "required": False}
    if kind == QuestionType.SHORT_TEXT:
        return forms.CharField(
            max_length=MAX_TEXT_ANSWER, widget=forms.TextInput(attrs={"autocomplete": "off"}), **options
        )
    if kind == QuestionType.NUMERIC:
        return NumberAnswerField(**options)
    choices = [(str(position), choice["text"]) for position, choice in enumerate(question["choices"])]
    if kind == QuestionType.MULTIPLE:
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **options)
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **options)


def sent_values(data, name):
    """Every value sent for ``name``: from a QueryDict (a request) or a plain dict (tests, services)."""
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = data.get(name)
    return [] if value is None else value if isinstance(value, list) else [value]


class AttemptForm(forms.Form):
    def __init__(self, questions, data=None, files=None):
        super().__init__(data, files, label_suffix="")
        self.questions = questions
        for position, question in enumerate(questions, start=1):
            field = answer_field(question)
            field.question = question
            field.position = position
            field.summary_label = _("Question %(number)d") % {"number": position}
            self.fields[f"q{position}"] = field

    def clean(self):
        cleaned = super().clean()
        strangers = sorted(name for name in {*self.data, *self.files} if QUESTION_FIELD.fullmatch(name))
        if any(name not in self.fields for name in strangers):
            raise ValidationError(_("Some answers are for questions that are not in this attempt."))
        for name in self.files:
            if name in self.fields:
                self.add_error(name, _("Answer with text, not a file."))
        for name, field in self.fields.items():
            values = sent_values(self.data, name)
            single = not isinstance(field, forms.MultipleChoiceField)
            if (single and len(values) > 1) or len(set(values)) < len(values):
                self.add_error(name, _("This answer was sent more than once."))
        return cleaned

    def responses(self):
        """Position → response, as ``grading.grade`` reads them."""
        responses = {}
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if isinstance(field, forms.MultipleChoiceField):
                value = [int(position) for position in value]
            elif isinstance(field, forms.ChoiceField):
                value = [int(value)] if value else None
            responses[field.position] = None if value in (None, "", []) else value
        return responses

    def unanswered(self):
        """The positions of the questions left blank (after ``is_valid``)."""
        return [position for position, response in self.responses().items() if response is None]

    def numbered_fields(self):
        """``(position, question, bound field)`` for the template."""
        return [(field.position, field.question, self[name]) for name, field in self.fields.items()]
