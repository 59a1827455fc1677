"""The integrity rules: nothing of the grading key before grading, time limits, edits never change scores."""

import random
from datetime import timedelta
from decimal import Decimal

from bs4 import BeautifulSoup
from django.utils import timezone

from quizzes import services
from quizzes.models import Attempt, Choice, QuizPage, QuizResult

from .factories import ALL_RIGHT, SINGLE, answers_for, bank_question, build_quiz
from .test_taking import attempt_url, question_texts, start, start_url

#: Everything of the grading key the standard quiz has: explanations, choice feedback, accepted answers.
SECRETS = [
    "Explicación",
    "Fue un actor, pero no lo lanzó.",
    "El programa evitó las plataformas pesadas.",
    "Participación ciudadana",
    "participacion vecinal",
    '"correct"',
    "correct=",
    "tolerance",
    "0.5",
    "0,5",
]


def assert_no_secrets(response):
    html = response.content.decode()
    for secret in SECRETS:
        assert secret not in html, f"{secret!r} is in the page before grading"


def test_no_answer_is_in_any_page_before_grading(learner_client, quiz):
    assert_no_secrets(learner_client.get(quiz.url))
    response = learner_client.post(start_url(quiz))
    assert_no_secrets(response)
    attempt = Attempt.objects.get()
    assert_no_secrets(learner_client.get(attempt_url(attempt)))
    # Nor when the form comes back with an error.
    refused = learner_client.post(attempt_url(attempt), {"q5": "no es un número"})
    assert refused.status_code == 400
    assert_no_secrets(refused)
    # Choice values are positions in the order shown: they say nothing about which one is right.
    soup = BeautifulSoup(learner_client.get(attempt_url(attempt)).content, "html.parser")
    assert {tag["value"] for tag in soup.select("input[name=q1]")} == {"0", "1", "2"}
    assert not soup.select("[data-correct], [data-points]")
    # After grading, the result shows them.
    learner_client.post(attempt_url(attempt), answers_for(attempt, ALL_RIGHT))
    result = learner_client.get(attempt_url(attempt)).content.decode()
    assert "Explicación" in result


def test_answers_within_the_grace_period_are_accepted(learner_client, module):
    quiz = build_quiz(module, time_limit_minutes=10, slug="con-tiempo")
    attempt = start(learner_client, quiz)
    assert attempt.deadline == attempt.started_at + timedelta(minutes=10)
    page = BeautifulSoup(learner_client.get(attempt_url(attempt)).content, "html.parser")
    assert page.select_one(".quiz-deadline")["data-deadline"]
    assert page.select_one("script[src*=quiz-countdown]").has_attr("defer")
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - services.GRACE + timedelta(seconds=5))
    learner_client.post(attempt_url(attempt), answers_for(attempt, ALL_RIGHT))
    attempt.refresh_from_db()
    assert attempt.passed and not attempt.expired


def test_answers_after_the_time_limit_are_not_accepted(learner_client, module):
    quiz = build_quiz(module, time_limit_minutes=10, slug="con-tiempo")
    attempt = start(learner_client, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - services.GRACE - timedelta(seconds=1))
    response = learner_client.post(attempt_url(attempt), answers_for(attempt, ALL_RIGHT), follow=True)
    attempt.refresh_from_db()
    assert attempt.expired and not attempt.passed
    assert attempt.score_percent == 0
    assert not attempt.answers.exclude(response=None).exists()
    text = BeautifulSoup(response.content, "html.parser").get_text()
    assert "El tiempo se acabó antes de que llegaran las respuestas" in text
    assert QuizResult.objects.get(quiz=quiz).attempts_used == 1


def test_an_attempt_left_open_past_its_time_is_closed_when_the_learner_comes_back(learner_client, module):
    quiz = build_quiz(module, time_limit_minutes=5, slug="con-tiempo")
    attempt = start(learner_client, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(hours=1))
    page = BeautifulSoup(learner_client.get(quiz.url).content, "html.parser")
    assert "Se acabó el tiempo" in page.select_one(".attempts").get_text()
    assert page.select_one(".quiz-progress form button").get_text(strip=True) == "Comenzar un nuevo intento"
    assert Attempt.objects.get(pk=attempt.pk).expired


def test_editing_the_quiz_never_changes_recorded_scores(learner_client, quiz, enrolled):
    graded = start(learner_client, quiz)
    learner_client.post(attempt_url(graded), answers_for(graded, ALL_RIGHT))
    in_progress = start(learner_client, quiz)
    answers = answers_for(in_progress, ALL_RIGHT)

    # The trainer makes another choice the right one, doubles the points and deletes a question.
    quiz = QuizPage.objects.get(pk=quiz.pk)
    single = quiz.questions.get(text=SINGLE)
    Choice.objects.filter(question=single).update(correct=False)
    Choice.objects.filter(question=single, text="La Universidad de Concepción").update(correct=True)
    single.points = 10
    single.save()
    quiz.questions.exclude(pk=single.pk).first().delete()
    quiz.pass_mark = 100
    quiz.save_revision().publish()

    graded.refresh_from_db()
    assert (graded.score_percent, graded.passed, graded.points_possible) == (Decimal(100), True, 6)
    result = BeautifulSoup(learner_client.get(attempt_url(graded)).content, "html.parser")
    assert len(result.select(".question--graded")) == 5
    assert "su respuesta, correcta" in result.select(".question--graded")[0].get_text()

    # The attempt started before the edit is graded on what it asked.
    learner_client.post(attempt_url(in_progress), answers)
    in_progress.refresh_from_db()
    assert (in_progress.score_percent, in_progress.passed) == (Decimal(100), True)
    assert QuizResult.objects.get(quiz=quiz).passed


def test_deleting_the_quiz_keeps_the_records(learner_client, quiz, enrolled):
    attempt = start(learner_client, quiz)
    learner_client.post(attempt_url(attempt), answers_for(attempt, ALL_RIGHT))
    quiz.delete()
    attempt.refresh_from_db()
    assert (attempt.quiz, attempt.quiz_title, attempt.passed) == (None, "Evaluación del módulo", True)
    result = BeautifulSoup(learner_client.get(attempt_url(attempt)).content, "html.parser")
    assert result.h1.get_text(strip=True) == "Evaluación del módulo"
    assert QuizResult.objects.get(enrolment=enrolled).quiz_title == "Evaluación del módulo"


class FirstOnes(random.Random):
    """A draw that always takes the first questions of the pool, to show the previous set is never repeated."""

    def sample(self, population, k):
        return list(population)[:k]


def test_random_draws_differ_between_attempts_and_hold_within_one(learner_client, module, enrolled):
    banked = [bank_question(f"¿Se puede usar el dato {n} para otro fin?") for n in range(2)]
    quiz = build_quiz(module, draw_count=3, attempts_allowed=None, bank=banked, slug="sorteo")
    first = start(learner_client, quiz)
    assert len(first.questions) == 3
    shown = question_texts(learner_client.get(attempt_url(first)))
    assert shown == [question["text"] for question in first.questions]
    again = question_texts(learner_client.get(attempt_url(first)))
    assert shown == again  # stable within the attempt
    assert start(learner_client, quiz) == first  # resuming draws nothing new
    learner_client.post(attempt_url(first), {"enviar_sin_responder": "1"})

    keys = [{question["key"] for question in first.questions}]
    for _ in range(5):
        attempt, _created = services.start_attempt(enrolled.user, quiz, rng=FirstOnes())
        keys.append({question["key"] for question in attempt.questions})
        services.submit_attempt(attempt, {})
    for previous, following in zip(keys, keys[1:], strict=False):
        assert previous != following
    pool = {f"q{pk}" for pk in quiz.questions.values_list("pk", flat=True)} | {f"b{b.pk}" for b in banked}
    assert set().union(*keys) <= pool


def test_shuffling_is_fixed_when_the_attempt_starts(learner_client, module, enrolled):
    quiz = build_quiz(module, shuffle_questions=True, shuffle_choices=True, attempts_allowed=None, slug="barajada")
    orders = set()
    for seed in range(6):
        attempt, _created = services.start_attempt(enrolled.user, quiz, rng=random.Random(seed))
        order = tuple(question["text"] for question in attempt.questions)
        choices = tuple(choice["text"] for choice in attempt.questions[0].get("choices", []))
        orders.add((order, choices))
        assert question_texts(learner_client.get(attempt_url(attempt))) == list(order)
        services.submit_attempt(attempt, {})
    assert len(orders) > 1


def test_bank_questions_are_asked_and_graded(learner_client, module, enrolled):
    banked = bank_question("¿La Ley 19.628 protege los datos personales?")
    quiz = build_quiz(module, questions=[], bank=[banked], slug="solo-banco")
    attempt = start(learner_client, quiz)
    assert [question["key"] for question in attempt.questions] == [f"b{banked.pk}"]
    learner_client.post(attempt_url(attempt), answers_for(attempt, {banked.text: "Sí"}))
    attempt.refresh_from_db()
    assert attempt.passed


def test_a_quiz_without_questions_cannot_be_started(learner_client, module):
    quiz = build_quiz(module, questions=[], slug="vacio")
    page = BeautifulSoup(learner_client.get(quiz.url).content, "html.parser")
    assert "todavía no tiene preguntas" in page.select_one(".quiz-progress").get_text()
    response = learner_client.post(start_url(quiz))
    assert response.status_code == 403
    assert not Attempt.objects.exists()
