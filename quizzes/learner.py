"""What the quiz page shows a learner about their own attempts: past scores, best score, attempts left, and
whether they can start (or resume) one. One query, the attempts; the question pool is kept between publications."""

from dataclasses import dataclass, field

from .models import Attempt
from .services import close_if_expired


@dataclass
class QuizProgress:
    quiz: object
    question_count: int
    attempts: list = field(default_factory=list)
    enrolled: bool = False

    @classmethod
    def load(cls, quiz, learner, enrolment, request=None):
        pool_size = len(quiz.published_pool(request))
        progress = cls(quiz, quiz.question_count(pool_size), enrolled=enrolment is not None)
        if enrolment is not None:
            attempts = Attempt.objects.filter(enrolment=enrolment, quiz=quiz).defer("questions").order_by("number")
            progress.attempts = list(attempts)
            open_attempt = progress.open_attempt
            if open_attempt is not None and close_if_expired(open_attempt):
                open_attempt.refresh_from_db()
        return progress

    @property
    def graded(self):
        return [attempt for attempt in self.attempts if attempt.is_graded]

    @property
    def open_attempt(self):
        return next((attempt for attempt in self.attempts if not attempt.is_graded), None)

    @property
    def best_score(self):
        return max((attempt.score_percent for attempt in self.graded), default=None)

    @property
    def passed(self):
        return any(attempt.passed for attempt in self.graded)

    @property
    def attempts_left(self):
        """``None`` when the quiz allows unlimited attempts."""
        if self.quiz.attempts_allowed is None:
            return None
        return max(self.quiz.attempts_allowed - len(self.attempts), 0)

    @property
    def can_start(self):
        return self.enrolled and self.question_count > 0 and self.open_attempt is None and self.attempts_left != 0
