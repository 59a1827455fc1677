"""Fair quizzes: an attempt with questions left blank asks before it is graded (answers kept), and the correct answers
are shown when the quiz says so (``QuizPage.show_answers``), not after every failed attempt."""

import re

import pytest
from bs4 import BeautifulSoup
from django.apps import apps

from quizzes.models import Answer, AnswerReveal, Attempt, QuizPage, QuizResult

from .factories import ALL_RIGHT, MULTIPLE, NUMERIC, SHORT_TEXT, SINGLE, answers_for, build_quiz
from .test_authoring import authored, edit_form  # noqa: F401 (a fixture)
from .test_taking import SEND_ANYWAY, attempt_url, soup_of, start

WRONG = {**ALL_RIGHT, SINGLE: "La Universidad de Concepción", MULTIPLE: ["Una plataforma única"], NUMERIC: "12"}


def test_an_empty_attempt_asks_before_it_is_graded(learner_client, quiz):
    attempt = start(learner_client, quiz)
    response = learner_client.post(attempt_url(attempt), {})
    assert response.status_code == 200
    page = soup_of(response)
    summary = page.select_one(".unanswered-summary")
    assert summary.h2.get_text(strip=True) == "5 preguntas no tienen respuesta"
    assert [link["href"] for link in summary.select("li a")] == [f"#pregunta-{n}" for n in range(1, 6)]
    assert all(page.select_one(f"li#pregunta-{n}") for n in range(1, 6))
    send = page.select_one('button[name="enviar_sin_responder"]')
    assert send.get_text(strip=True) == "Enviar con 5 preguntas sin responder"
    assert page.select_one("#enviar button.button:not([name])").get_text(strip=True) == "Enviar respuestas"
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert not Answer.objects.exists() and not QuizResult.objects.exists()

    learner_client.post(attempt_url(attempt), SEND_ANYWAY)
    attempt.refresh_from_db()
    assert attempt.is_graded and attempt.score_percent == 0
    assert QuizResult.objects.get(quiz=quiz).attempts_used == 1


def test_answers_given_are_kept_while_asking(learner_client, quiz):
    attempt = start(learner_client, quiz)
    answers = answers_for(attempt, {SINGLE: "El Banco Mundial y el MTT", SHORT_TEXT: "participación ciudadana"})
    page = soup_of(learner_client.post(attempt_url(attempt), answers))
    summary = page.select_one(".unanswered-summary")
    assert "3 preguntas no tienen respuesta" in summary.get_text()
    assert [link.get_text(strip=True) for link in summary.select("li a")] == ["Pregunta 2", "Pregunta 3", "Pregunta 5"]
    assert page.select_one(f'input[name="q1"][value="{answers["q1"]}"]').has_attr("checked")
    assert page.select_one('input[name="q4"]')["value"] == "participación ciudadana"
    # Answering the rest sends at once.
    complete = answers_for(attempt, ALL_RIGHT)
    assert learner_client.post(attempt_url(attempt), complete).status_code == 302
    attempt.refresh_from_db()
    assert attempt.passed


def test_a_question_is_named_by_its_number_in_the_error_summary(learner_client, quiz):
    attempt = start(learner_client, quiz)
    response = learner_client.post(attempt_url(attempt), {**answers_for(attempt, ALL_RIGHT), "q5": "treinta"})
    assert response.status_code == 400
    summary = soup_of(response).select_one(".error-summary").get_text(" ", strip=True)
    assert "Pregunta 5: Escriba un número" in summary
    assert "?:" not in summary


def test_dates_of_attempts_are_in_sentence_case(learner_client, quiz):
    attempt = start(learner_client, quiz)
    learner_client.post(attempt_url(attempt), answers_for(attempt, ALL_RIGHT))
    row = soup_of(learner_client.get(quiz.url)).select_one(".attempts tbody td").get_text(strip=True)
    assert re.fullmatch(r"\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic) \d{4}, \d\d:\d\d", row), row


@pytest.mark.parametrize(
    ("reveal", "passed", "attempts_left", "shown"),
    [
        (AnswerReveal.NEVER, True, 0, False),
        (AnswerReveal.AFTER_PASSING, False, 0, False),
        (AnswerReveal.AFTER_PASSING, True, 2, True),
        (AnswerReveal.AFTER_LAST_ATTEMPT, True, 1, False),
        (AnswerReveal.AFTER_LAST_ATTEMPT, False, 0, True),
        (AnswerReveal.AFTER_LAST_ATTEMPT, False, None, False),
        (AnswerReveal.AFTER_PASSING_OR_LAST_ATTEMPT, False, 1, False),
        (AnswerReveal.AFTER_PASSING_OR_LAST_ATTEMPT, False, None, False),
        (AnswerReveal.AFTER_PASSING_OR_LAST_ATTEMPT, True, 1, True),
        (AnswerReveal.AFTER_PASSING_OR_LAST_ATTEMPT, False, 0, True),
        (AnswerReveal.ALWAYS, False, 2, True),
    ],
)
def test_when_the_answers_are_shown(reveal, passed, attempts_left, shown):
    assert reveal.reveals(passed=passed, attempts_left=attempts_left) is shown


def answers_shown(client, attempt):
    result = soup_of(client.get(attempt_url(attempt)))
    first = result.select(".question--graded")[0].get_text()
    return "respuesta correcta" in first and "Explicación" in first and not result.select(".answers-hidden")


def fail(client, quiz):
    attempt = start(client, quiz)
    client.post(attempt_url(attempt), answers_for(attempt, WRONG))
    attempt.refresh_from_db()
    assert attempt.is_graded and not attempt.passed
    return attempt


def test_graded_quizzes_show_the_answers_after_passing_or_the_last_attempt(learner_client, module, enrolled):
    quiz = build_quiz(module, attempts_allowed=3, slug="por-defecto")
    assert quiz.show_answers == AnswerReveal.AFTER_PASSING_OR_LAST_ATTEMPT
    first = fail(learner_client, quiz)
    assert not answers_shown(learner_client, first)
    passed = start(learner_client, quiz)
    learner_client.post(attempt_url(passed), answers_for(passed, ALL_RIGHT))
    assert answers_shown(learner_client, first)  # once passed, earlier attempts show them too

    out_of_attempts = build_quiz(module, attempts_allowed=2, slug="dos-intentos")
    first = fail(learner_client, out_of_attempts)
    assert not answers_shown(learner_client, first)
    last = fail(learner_client, out_of_attempts)
    assert answers_shown(learner_client, last) and answers_shown(learner_client, first)


def test_never_and_always(learner_client, module, enrolled):
    secret = build_quiz(module, attempts_allowed=1, show_answers=AnswerReveal.NEVER, slug="nunca")
    attempt = start(learner_client, secret)
    learner_client.post(attempt_url(attempt), answers_for(attempt, ALL_RIGHT))
    page = soup_of(learner_client.get(attempt_url(attempt)))
    assert "no muestra las respuestas correctas" in page.select_one(".answers-hidden").get_text()
    assert "su respuesta, correcta" in page.get_text()

    practice = build_quiz(module, optional=True, show_answers=AnswerReveal.ALWAYS, slug="practica")
    assert answers_shown(learner_client, fail(learner_client, practice))


def test_a_deleted_quiz_keeps_its_answers_hidden(learner_client, quiz):
    attempt = fail(learner_client, quiz)
    QuizPage.objects.get(pk=quiz.pk).delete()
    page = soup_of(learner_client.get(attempt_url(attempt)))
    assert page.select_one(".answers-hidden") and "Explicación" not in page.get_text()
    assert Attempt.objects.get(pk=attempt.pk).quiz is None


def test_the_quiz_page_says_when_answers_are_shown(learner_client, quiz):
    facts = soup_of(learner_client.get(quiz.url)).select_one(".quiz-facts").get_text(" ", strip=True)
    assert "Respuestas correctas Al aprobar o tras el último intento" in facts


def test_trainers_choose_when_and_a_graded_quiz_never_shows_them_always(client, trainer, authored):  # noqa: F811
    client.force_login(trainer)
    url, data = edit_form(client, authored)
    assert data["show_answers"] == "passed_or_last"
    data["show_answers"] = "always"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "el siguiente intento sería copiarlas" in response.content.decode()
    data["show_answers"] = "never"
    assert client.post(url, data).status_code == 302
    assert QuizPage.objects.get(pk=authored.pk).get_latest_revision_as_object().show_answers == "never"
    options = BeautifulSoup(client.get(url).content, "html.parser").select('select[name="show_answers"] option')
    assert [option.get_text(strip=True) for option in options] == [
        "Nunca",
        "Al aprobar",
        "Tras el último intento",
        "Al aprobar o tras el último intento",
        "Tras cada intento (solo cuestionarios de práctica)",
    ]


def test_practice_quizzes_kept_showing_their_answers_when_the_setting_arrived(module):
    from importlib import import_module

    migration = import_module("quizzes.migrations.0002_quizpage_show_answers")
    practice = build_quiz(module, optional=True, slug="practica")
    graded = build_quiz(module, slug="evaluada")
    migration.practice_quizzes_keep_showing_answers(apps, None)
    assert QuizPage.objects.get(pk=practice.pk).show_answers == "always"
    assert QuizPage.objects.get(pk=graded.pk).show_answers == "passed_or_last"
