"""Learner records: attempts, their answers, and one result per enrolment and quiz. Written only through
``quizzes.services``.

An attempt keeps, from the moment it starts, the questions it asks (text, choices in the order shown, grading
key) in ``questions``: grading reads only that, so editing or deleting the quiz or a bank question afterwards
never changes what an attempt was asked, how it is graded, or a recorded score. Like courses' records, the
foreign key to the page is ``SET_NULL`` with a copy of its title.

``QuizResult`` is what reports read: one row per enrolment and quiz (best score, passed, attempts used, last
attempt), updated in the transaction that grades each attempt, so no report ever aggregates attempts.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AttemptQuerySet(models.QuerySet):
    def graded(self):
        return self.filter(submitted_at__isnull=False)

    def open(self):
        return self.filter(submitted_at__isnull=True)


class Attempt(models.Model):
    """One learner's try at one quiz: the questions it drew, when it started and was graded, and the score."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    quiz = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=_("quiz"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="attempts",
        db_index=False,  # covered by the (quiz, submitted_at) index
    )
    quiz_title = models.CharField(_("quiz title"), max_length=255, help_text=_("Kept if the quiz is deleted."))
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        db_index=False,  # covered by the unique (enrolment, quiz, number) constraint
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    questions = models.JSONField(_("questions asked"), help_text=_("Frozen when the attempt starts."))
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("graded at"), null=True, blank=True)
    expired = models.BooleanField(
        _("closed by the time limit"), default=False, help_text=_("Nothing was accepted after the deadline.")
    )
    points_awarded = models.DecimalField(_("points awarded"), max_digits=8, decimal_places=2, null=True, blank=True)
    points_possible = models.PositiveIntegerField(_("points possible"))
    score_percent = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "quiz", "number"], name="attempt_number_per_learner"),
            # Starting twice at once (a double click) cannot open two attempts.
            models.UniqueConstraint(
                fields=["enrolment", "quiz"], condition=Q(submitted_at__isnull=True), name="attempt_one_open"
            ),
            models.CheckConstraint(
                condition=Q(score_percent__isnull=True) | Q(score_percent__gte=0, score_percent__lte=100),
                name="attempt_score_0_to_100",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "submitted_at"], name="attempt_quiz_graded")]

    def __str__(self):
        return f"{self.user} · {self.quiz_title} #{self.number}"

    @property
    def is_graded(self):
        return self.submitted_at is not None


class Answer(models.Model):
    """What the learner answered to one question of a graded attempt, and what it earned."""

    attempt = models.ForeignKey(Attempt, verbose_name=_("attempt"), on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField(_("position"))
    question_key = models.CharField(
        _("question"), max_length=24, help_text=_("q<id> for a quiz's own question, b<id> for a bank question.")
    )
    question_text = models.TextField(_("question text"))
    response = models.JSONField(_("response"), null=True, blank=True)
    response_label = models.CharField(
        _("response as shown"), max_length=600, blank=True, help_text=_("Empty when unanswered.")
    )
    points_awarded = models.DecimalField(_("points awarded"), max_digits=6, decimal_places=2)
    correct = models.BooleanField(_("fully correct"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["attempt", "position"]
        constraints = [models.UniqueConstraint(fields=["attempt", "position"], name="answer_once_per_question")]

    def __str__(self):
        return f"{self.attempt} · {self.position}"


class QuizResult(models.Model):
    """A learner's standing in one quiz of one enrolment: what reports read."""

    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="quiz_results",
        db_index=False,  # covered by the unique (enrolment, quiz) constraint
    )
    quiz = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=_("quiz"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="results",
        db_index=False,  # covered by the (quiz, passed) index
    )
    quiz_title = models.CharField(_("quiz title"), max_length=255, help_text=_("Kept if the quiz is deleted."))
    best_score_percent = models.DecimalField(_("best score (%)"), max_digits=5, decimal_places=2)
    passed = models.BooleanField(_("passed"), default=False, help_text=_("Passed in at least one attempt."))
    attempts_used = models.PositiveSmallIntegerField(_("attempts used"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt at"))

    class Meta:
        verbose_name = _("quiz result")
        verbose_name_plural = _("quiz results")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "quiz"], name="quiz_result_one_per_enrolment"),
            models.CheckConstraint(
                condition=Q(best_score_percent__gte=0, best_score_percent__lte=100), name="quiz_result_score_0_to_100"
            ),
        ]
        indexes = [models.Index(fields=["quiz", "passed"], name="quiz_result_quiz_passed")]

    def __str__(self):
        return f"{self.enrolment} · {self.quiz_title}"
