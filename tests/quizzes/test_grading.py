"""Grading each question type, on frozen questions (no database)."""

from decimal import Decimal

import pytest

from quizzes.grading import grade, is_pass, normalise, parse_number, score_percent


def choice_question(kind, correct, count=4, points=1, partial_credit=False):
    return {
        "type": kind,
        "points": points,
        "partial_credit": partial_credit,
        "choices": [{"text": f"Alternativa {n}", "correct": n in correct, "feedback": ""} for n in range(count)],
    }


@pytest.mark.parametrize(
    ("picked", "points", "correct"),
    [([1], Decimal(2), True), ([0], Decimal(0), False), ([], Decimal(0), False), (None, Decimal(0), False)],
)
def test_single_choice(picked, points, correct):
    mark = grade(choice_question("single", {1}, points=2), picked)
    assert (mark.points, mark.correct) == (points, correct)


def test_single_choice_label_is_the_choice_text():
    assert grade(choice_question("single", {1}), [2]).label == "Alternativa 2"


def test_true_false_is_graded_like_a_single_choice():
    question = {
        "type": "true_false",
        "points": 1,
        "choices": [{"text": "Verdadero", "correct": False}, {"text": "Falso", "correct": True}],
    }
    assert grade(question, [1]).correct
    assert not grade(question, [0]).correct
    assert grade(question, [0]).label == "Verdadero"


@pytest.mark.parametrize(
    ("picked", "points", "correct"),
    [
        ([0, 1], Decimal(2), True),
        ([1, 0], Decimal(2), True),  # order does not matter
        ([0], Decimal(0), False),  # one short: nothing, all or nothing
        ([0, 1, 2], Decimal(0), False),  # one too many: nothing
        ([], Decimal(0), False),
    ],
)
def test_multiple_choice_all_or_nothing(picked, points, correct):
    mark = grade(choice_question("multiple", {0, 1}, points=2), picked)
    assert (mark.points, mark.correct) == (points, correct)


@pytest.mark.parametrize(
    ("picked", "points"),
    [
        ([0, 1, 2], Decimal(3)),  # all three correct
        ([0, 1], Decimal(2)),  # two of three: two thirds of 3 points
        ([0], Decimal(1)),
        ([0, 1, 3], Decimal(1)),  # two right, one wrong: (2 - 1) / 3
        ([0, 3], Decimal(0)),  # one right, one wrong: nothing
        ([3], Decimal(0)),  # never below zero
        ([0, 1, 2, 3], Decimal(2)),  # ticking everything: (3 - 1) / 3
    ],
)
def test_multiple_choice_partial_credit(picked, points):
    mark = grade(choice_question("multiple", {0, 1, 2}, points=3, partial_credit=True), picked)
    assert mark.points == points
    assert mark.correct == (sorted(picked) == [0, 1, 2])


def test_partial_credit_rounds_down_to_the_cent():
    mark = grade(choice_question("multiple", {0, 1, 2}, points=1, partial_credit=True), [0])
    assert mark.points == Decimal("0.33")


SHORT = {"type": "short_text", "points": 1, "accepted": ["Participación", "participación ciudadana"]}


@pytest.mark.parametrize(
    "typed",
    ["Participación", "participacion", "  PARTICIPACIÓN  ", "Participacio\u0301n", "participación   ciudadana"],
)
def test_short_text_ignores_case_accents_and_spaces(typed):
    mark = grade(SHORT, typed)
    assert mark.correct and mark.points == 1
    assert mark.label == typed.strip()


@pytest.mark.parametrize("typed", ["participa", "participación vecinal", "participaciones"])
def test_short_text_wrong(typed):
    assert not grade(SHORT, typed).correct


NUMBER = {"type": "numeric", "points": 2, "answer": "35.0000", "tolerance": "0.5000"}


@pytest.mark.parametrize(
    ("typed", "correct"),
    [("35", True), ("35,5", True), ("34.5", True), ("35,51", False), ("34,4", False), ("-35", False)],
)
def test_numeric_within_tolerance(typed, correct):
    mark = grade(NUMBER, parse_number(typed))
    assert mark.correct == correct
    assert mark.points == (2 if correct else 0)


def test_numeric_without_tolerance_needs_the_exact_number():
    question = {**NUMBER, "tolerance": "0"}
    assert grade(question, Decimal("35.000")).correct
    assert not grade(question, Decimal("35.001")).correct
    assert grade(question, Decimal("35.50")).label == "35,5"


@pytest.mark.parametrize(
    ("typed", "number"),
    [("35", Decimal(35)), (" 35,5 ", Decimal("35.5")), ("1 500", Decimal(1500)), ("-0.25", Decimal("-0.25"))],
)
def test_parse_number(typed, number):
    assert parse_number(typed) == number


@pytest.mark.parametrize("typed", ["", "abc", "1,2,3", "NaN", "Infinity", "1e400", "9" * 31, "0x10", "1.2.3"])
def test_parse_number_refuses_what_is_not_a_plain_number(typed):
    assert parse_number(typed) is None


def test_normalise():
    assert normalise("  Participación   Ciudadana ") == "participacion ciudadana"
    assert normalise("ÑUÑOA") == "nunoa"


def test_score_and_pass_are_exact():
    assert score_percent(Decimal(7), 10) == Decimal("70.00")
    assert score_percent(Decimal(2), 3) == Decimal("66.66")
    assert is_pass(Decimal(7), 10, 70)
    assert not is_pass(Decimal("6.99"), 10, 70)
    assert not is_pass(Decimal(0), 0, 70)
