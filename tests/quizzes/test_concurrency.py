"""Racing requests on PostgreSQL: a double click grades an attempt once and starts one attempt."""

import pytest

from courses import services as course_services
from quizzes import services
from quizzes.forms import AttemptForm
from quizzes.models import Answer, Attempt, QuizResult
from tests.courses.test_records import run_at_once

from .factories import ALL_RIGHT, answers_for, build_quiz


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_racing_submissions_grade_once_and_racing_starts_open_one_attempt(postgres, learner, module):
    quiz = build_quiz(module)
    course_services.enrol(learner, module.get_parent().specific)
    run_at_once(*[lambda: services.start_attempt(learner, quiz)] * 3)
    attempt = Attempt.objects.get()
    form = AttemptForm(attempt.questions, answers_for(attempt, ALL_RIGHT))
    assert form.is_valid()
    responses = form.responses()
    outcomes = []
    run_at_once(*[lambda: outcomes.append(services.submit_attempt(attempt, responses))] * 3)
    assert sorted(outcome.graded_now for outcome in outcomes) == [False, False, True]
    assert Answer.objects.filter(attempt=attempt).count() == 5
    result = QuizResult.objects.get()
    assert (result.attempts_used, result.passed) == (1, True)
