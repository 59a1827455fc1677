"""A graded attempt, question by question, as the learner reads it: what they answered, what was right, what each
choice they picked has to say, and the points earned. Built from the attempt's frozen questions and its stored
answers (one query), never from the quiz as it is now. Whether it shows the correct answers is the quiz's choice
(``QuizPage.show_answers``), read against the learner's result in that quiz now (``answers_revealed``)."""

from dataclasses import dataclass
from decimal import Decimal

from .grading import format_number
from .models import AnswerReveal, QuizResult
from .models.questions import CHOICE_TYPES


@dataclass
class GradedChoice:
    text: str
    correct: bool
    picked: bool
    feedback: str


@dataclass
class GradedQuestion:
    position: int
    question: dict
    answer: object  # the stored Answer, or None if the attempt closed before answers existed

    @property
    def choices(self):
        if self.question["type"] not in CHOICE_TYPES:
            return []
        picked = set(self.answer.response or []) if self.answer else set()
        return [
            GradedChoice(choice["text"], choice["correct"], position in picked, choice["feedback"])
            for position, choice in enumerate(self.question["choices"])
        ]

    @property
    def accepted(self):
        if self.question["type"] == "numeric":
            answer = format_number_text(self.question["answer"])
            tolerance = self.question["tolerance"]
            return [answer] if not float(tolerance) else [f"{answer} ± {format_number_text(tolerance)}"]
        return self.question.get("accepted", [])[:1]


def format_number_text(text):
    return format_number(Decimal(text))


def graded_questions(attempt):
    answers = {answer.position: answer for answer in attempt.answers.all()}
    return [
        GradedQuestion(position, question, answers.get(position))
        for position, question in enumerate(attempt.questions, start=1)
    ]


def answers_revealed(attempt, quiz):
    """Whether ``attempt`` (graded) shows the correct answers, explanations and feedback now. Hidden when its quiz
    is gone: there is no setting left to read, and its bank questions may be asked elsewhere."""
    if quiz is None:
        return False
    result = QuizResult.objects.filter(enrolment_id=attempt.enrolment_id, quiz=quiz).first()
    used = result.attempts_used if result else 0
    attempts_left = None if quiz.attempts_allowed is None else max(quiz.attempts_allowed - used, 0)
    return AnswerReveal(quiz.show_answers).reveals(passed=bool(result and result.passed), attempts_left=attempts_left)
