"""Writes to quiz records: starting an attempt, grading it, closing it when its time is up.

- **Starting** locks the learner's enrolment row, so two clicks cannot open two attempts or pass the attempt
  limit (a partial unique constraint backs this up). An open attempt is resumed rather than a new one started.
  The attempt freezes its questions: which ones (a random draw when the quiz draws N from its pool, never the
  same set as the learner's previous attempt when the pool allows another), their order and their choices' order,
  with the grading key.
- **Grading** happens once: a conditional UPDATE claims the open attempt, so a double submission (or a submission
  racing the time limit) grades it exactly once; the later caller finds it graded. Answers, the score and the
  learner's ``QuizResult`` are written in the same transaction, and a passed quiz is completed in the course
  (``courses.services.complete_item``), which may complete the course.
- **Time limit**: answers are accepted until the deadline plus ``GRACE`` (for the time a request takes on a slow
  connection). A submission after that is not accepted: the attempt is closed with no answers (0 %) and counts as
  used. An attempt left open past that point is closed the same way the next time the learner opens the quiz.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment
from courses.services import NotEnrolled, complete_item
from courses.signals import enrolments_changed

from .grading import grade, is_pass, score_percent
from .models import Answer, Attempt, QuizResult

GRACE = timedelta(seconds=60)


class CannotStart(Exception):
    """The learner may not start an attempt now; ``message`` says why, in their language."""

    message = ""


class AttemptsExhausted(CannotStart):
    message = _("You have used all the attempts this quiz allows.")


class QuizEmpty(CannotStart):
    message = _("This quiz has no questions yet. Please come back later.")


@dataclass
class Outcome:
    attempt: Attempt
    graded_now: bool
    late: bool = False
    course_completed: bool = False


def draw_questions(quiz, previous_keys=(), rng=None):
    """The frozen questions of a new attempt at ``quiz``."""
    rng = rng or random.SystemRandom()
    pool = quiz.published_pool()
    count = quiz.question_count(len(pool))
    chosen = rng.sample(pool, count)
    previous = set(previous_keys)
    if count < len(pool) and {key for key, _question, _choices in chosen} == previous:
        # The same set as last time: swap one question for one the learner was not asked.
        outside = [entry for entry in pool if entry[0] not in previous]
        chosen[rng.randrange(count)] = rng.choice(outside)
    if not quiz.shuffle_questions:
        order = {key: position for position, (key, _question, _choices) in enumerate(pool)}
        chosen.sort(key=lambda entry: order[entry[0]])
    frozen = []
    for key, question, choices in chosen:
        if quiz.shuffle_choices:
            choices = rng.sample(choices, len(choices))
        frozen.append(question.freeze(key, choices))
    return frozen


def start_attempt(learner, quiz, now=None, rng=None):
    """Start (or resume) ``learner``'s attempt at ``quiz``. Returns ``(attempt, created)``.

    Raises ``NotEnrolled``, ``AttemptsExhausted`` or ``QuizEmpty``. Callers check access (``item_access``).
    """
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().filter(user=learner, course=quiz.get_course()).first()
        if enrolment is None:
            raise NotEnrolled
        attempts = Attempt.objects.filter(enrolment=enrolment, quiz=quiz)
        current = attempts.open().first()
        if current is not None and not close_if_expired(current, now):
            return current, False
        used = attempts.count()
        if quiz.attempts_allowed is not None and used >= quiz.attempts_allowed:
            raise AttemptsExhausted
        last = attempts.order_by("-number").only("questions").first()
        questions = draw_questions(quiz, [question["key"] for question in last.questions] if last else (), rng)
        if not questions:
            raise QuizEmpty
        attempt = Attempt.objects.create(
            user=learner,
            quiz=quiz,
            quiz_title=quiz.title,
            enrolment=enrolment,
            number=(attempts.aggregate(last=Max("number"))["last"] or 0) + 1,
            questions=questions,
            pass_mark=quiz.pass_mark,
            started_at=now,
            deadline=now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None,
            points_possible=sum(question["points"] for question in questions),
        )
        if Enrolment.objects.filter(pk=enrolment.pk, started_at__isnull=True).update(started_at=now):
            enrolments_changed.send(sender=Enrolment, course_id=enrolment.course_id, user_id=enrolment.user_id)
    return attempt, True


def is_late(attempt, now):
    return attempt.deadline is not None and now > attempt.deadline + GRACE


def close_if_expired(attempt, now=None):
    """Close an open attempt whose time (plus grace) is up, with no answers. Returns whether it is now closed."""
    now = now or timezone.now()
    if attempt.is_graded or not is_late(attempt, now):
        return attempt.is_graded
    submit_attempt(attempt, {}, now)
    return True


def submit_attempt(attempt, responses, now=None):
    """Grade ``attempt`` with ``responses`` (position → response, as ``AttemptForm.responses`` gives them).

    Grades once: if the attempt was graded meanwhile, nothing is written and ``graded_now`` is False.
    """
    now = now or timezone.now()
    late = is_late(attempt, now)
    if late:
        responses = {}
    with transaction.atomic():
        # The enrolment first, as when starting, so that the two never wait on each other in opposite order.
        Enrolment.objects.select_for_update().filter(pk=attempt.enrolment_id).first()
        claimed = Attempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(
            submitted_at=now, expired=late
        )
        if not claimed:
            attempt.refresh_from_db()
            return Outcome(attempt, graded_now=False)
        attempt.submitted_at, attempt.expired = now, late
        marks = [grade(question, responses.get(position)) for position, question in enumerate(attempt.questions, 1)]
        Answer.objects.bulk_create(
            Answer(
                attempt=attempt,
                position=position,
                question_key=question["key"],
                question_text=question["text"],
                response=serialisable(responses.get(position)),
                response_label=mark.label[:600],
                points_awarded=mark.points,
                correct=mark.correct,
            )
            for position, (question, mark) in enumerate(zip(attempt.questions, marks, strict=True), 1)
        )
        attempt.points_awarded = sum((mark.points for mark in marks), start=0)
        attempt.score_percent = score_percent(attempt.points_awarded, attempt.points_possible)
        attempt.passed = is_pass(attempt.points_awarded, attempt.points_possible, attempt.pass_mark)
        attempt.save(update_fields=["points_awarded", "score_percent", "passed"])
        record_result(attempt)
        completed = False
        if attempt.passed and attempt.quiz is not None:
            completed = complete_item(attempt.user, attempt.quiz).course_completed
    return Outcome(attempt, graded_now=True, late=late, course_completed=completed)


def serialisable(response):
    if response is None or isinstance(response, list | str):
        return response
    return str(response)  # a Decimal


def record_result(attempt):
    """Fold a graded attempt into the learner's ``QuizResult`` (the caller holds the enrolment's lock)."""
    if attempt.quiz_id is None:
        return
    result = QuizResult.objects.filter(enrolment_id=attempt.enrolment_id, quiz_id=attempt.quiz_id).first()
    if result is None:
        QuizResult.objects.create(
            enrolment_id=attempt.enrolment_id,
            quiz_id=attempt.quiz_id,
            quiz_title=attempt.quiz_title,
            best_score_percent=attempt.score_percent,
            passed=attempt.passed,
            attempts_used=1,
            last_attempt_at=attempt.submitted_at,
        )
        return
    result.best_score_percent = max(result.best_score_percent, attempt.score_percent)
    result.passed = result.passed or attempt.passed
    result.attempts_used += 1
    result.last_attempt_at = max(result.last_attempt_at, attempt.submitted_at)
    result.quiz_title = attempt.quiz_title
    result.save()
