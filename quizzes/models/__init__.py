"""Quiz models: authored content (quiz pages, their questions, the question bank) apart from learner records
(attempts, answers, per-enrolment results)."""

from .bank import BankChoice, BankQuestion
from .pages import AnswerReveal, Choice, Question, QuizBankQuestion, QuizPage
from .questions import QuestionType
from .records import Answer, Attempt, QuizResult

__all__ = [
    "Answer",
    "AnswerReveal",
    "Attempt",
    "BankChoice",
    "BankQuestion",
    "Choice",
    "Question",
    "QuestionType",
    "QuizBankQuestion",
    "QuizPage",
    "QuizResult",
]
