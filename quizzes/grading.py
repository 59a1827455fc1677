"""Grading one frozen question (see ``models.questions.QuestionFields.freeze``) against a learner's response.

Responses, as ``forms.AttemptForm`` cleans them: a list of choice positions for choice questions (one for
single choice and true/false), the typed text for short text, a ``Decimal`` for numeric; ``None`` or an empty
list when unanswered.

- Single choice, true/false: all the points for the correct choice.
- Multiple choice, all or nothing: all the points when exactly the correct choices are ticked.
- Multiple choice, partial credit: each correct choice ticked earns ``points / number of correct choices`` and
  each wrong one ticked takes as much away, never below zero (so ticking everything earns nothing).
- Short text: all the points when the answer equals an accepted one once both are ``normalise``d.
- Numeric: all the points when the answer is within the tolerance of the correct number, either way.
"""

import unicodedata
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from .models.questions import CHOICE_TYPES, QuestionType

CENT = Decimal("0.01")
LARGEST = Decimal("1e15")


@dataclass(frozen=True)
class Mark:
    points: Decimal
    correct: bool
    #: The response as the learner saw it (choice texts, the typed text, the number); "" when unanswered.
    label: str


def normalise(text):
    """Case, accents and spacing do not matter: " Participación  Ciudadana" → "participacion ciudadana"."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(without_accents.casefold().split())


def parse_number(raw):
    """A number as people type it in Chile ("35", "35,5", "-0.25", "1 500"); ``None`` if it is not one."""
    cleaned = raw.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if not cleaned or len(cleaned) > 30 or cleaned.count(".") > 1:
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    sensible = number.is_finite() and abs(number) < LARGEST and number.as_tuple().exponent >= -10
    return number if sensible else None


def grade(question, response):
    points = Decimal(question["points"])
    kind = question["type"]
    if response in (None, "", []):
        return Mark(Decimal(0), False, "")
    if kind in CHOICE_TYPES:
        return grade_choices(question, sorted(set(response)), points)
    if kind == QuestionType.SHORT_TEXT:
        accepted = {normalise(answer) for answer in question["accepted"]}
        correct = normalise(response) in accepted
        return Mark(points if correct else Decimal(0), correct, response.strip())
    answer, tolerance = Decimal(question["answer"]), Decimal(question["tolerance"])
    correct = abs(response - answer) <= tolerance
    return Mark(points if correct else Decimal(0), correct, format_number(response))


def grade_choices(question, picked, points):
    choices = question["choices"]
    label = "; ".join(choices[position]["text"] for position in picked)
    right = sum(1 for position in picked if choices[position]["correct"])
    wrong = len(picked) - right
    total_correct = sum(1 for choice in choices if choice["correct"])
    correct = right == total_correct and wrong == 0
    if correct:
        return Mark(points, True, label)
    if question.get("partial_credit") and total_correct:
        earned = max(Decimal(0), points * (right - wrong) / total_correct).quantize(CENT, rounding=ROUND_DOWN)
        return Mark(earned, False, label)
    return Mark(Decimal(0), False, label)


def format_number(number):
    """35.50 → "35,5": the way the learner would write it."""
    text = format(number.normalize(), "f")
    return text.replace(".", ",")


def score_percent(awarded, possible):
    return (awarded * 100 / possible).quantize(CENT, rounding=ROUND_DOWN) if possible else Decimal(0)


def is_pass(awarded, possible, pass_mark):
    """Compared exactly, not on the rounded percentage: 69.999 % does not pass a 70 % mark."""
    return possible > 0 and awarded * 100 >= Decimal(pass_mark) * possible
