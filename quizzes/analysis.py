"""Item analysis of one quiz, for its course's trainers and the ministry: how graded attempts went overall (pass
rate, score distribution) and question by question (how many attempts asked it, the share fully correct, the wrong
answers chosen most).

Read from the attempts' stored answers, so figures stay true to what learners were asked even after the quiz is
edited; questions removed from the quiz are listed last. A fixed number of queries whatever the number of
attempts or questions.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q

from core.percentages import percent as share

from .models import Answer, Attempt, QuizResult

#: Score bands of the distribution: 0–9 %, 10–19 % … 90–100 %.
BANDS = [(low, low + 10) for low in range(0, 100, 10)]
WRONG_ANSWERS_SHOWN = 3


def percent(part, whole):
    """Under the site's one rounding rule (``core.percentages``)."""
    return share(part, whole) or 0


@dataclass
class Band:
    low: int
    high: int
    attempts: int
    percent: int


@dataclass
class QuestionFigures:
    key: str
    text: str
    attempts: int
    correct: int
    in_quiz: bool
    wrong_answers: list = field(default_factory=list)

    @property
    def percent_correct(self):
        return percent(self.correct, self.attempts)


@dataclass
class ItemAnalysis:
    quiz: object
    graded: int
    passed: int
    learners: int
    learners_passed: int
    bands: list
    questions: list

    @property
    def pass_rate(self):
        return percent(self.passed, self.graded)

    @property
    def learner_pass_rate(self):
        return percent(self.learners_passed, self.learners)

    @classmethod
    def load(cls, quiz):
        band_counts = {
            f"band_{low}": Count(
                "pk",
                filter=Q(score_percent__gte=low) & (Q(score_percent__lt=high) if high < 100 else Q()),
            )
            for low, high in BANDS
        }
        totals = (
            Attempt.objects.graded()
            .filter(quiz=quiz)
            .aggregate(graded=Count("pk"), passed=Count("pk", filter=Q(passed=True)), **band_counts)
        )
        learners = QuizResult.objects.filter(quiz=quiz).aggregate(
            learners=Count("pk"), passed=Count("pk", filter=Q(passed=True))
        )
        bands = [
            Band(low, high, totals[f"band_{low}"], percent(totals[f"band_{low}"], totals["graded"]))
            for low, high in BANDS
        ]
        return cls(
            quiz,
            totals["graded"],
            totals["passed"],
            learners["learners"],
            learners["passed"],
            bands,
            question_figures(quiz),
        )


def question_figures(quiz):
    answers = Answer.objects.filter(attempt__quiz=quiz, attempt__submitted_at__isnull=False)
    per_question = (
        answers.values("question_key")
        .annotate(attempts=Count("pk"), correct=Count("pk", filter=Q(correct=True)), text=Max("question_text"))
        .order_by()
    )
    wrong = (
        answers.filter(correct=False)
        .exclude(response_label="")
        .values("question_key", "response_label")
        .annotate(times=Count("pk"))
        .order_by("question_key", "-times", "response_label")
    )
    current = [f"q{pk}" for pk in quiz.questions.order_by("sort_order").values_list("pk", flat=True)]
    current += [f"b{pk}" for pk in quiz.bank_questions.order_by("sort_order").values_list("question_id", flat=True)]
    order = {key: position for position, key in enumerate(current)}
    figures = {
        row["question_key"]: QuestionFigures(
            row["question_key"], row["text"], row["attempts"], row["correct"], row["question_key"] in order
        )
        for row in per_question
    }
    for row in wrong:
        shown = figures[row["question_key"]].wrong_answers
        if len(shown) < WRONG_ANSWERS_SHOWN:
            shown.append((row["response_label"], row["times"]))
    return sorted(figures.values(), key=lambda figure: (order.get(figure.key, len(order)), figure.key))
