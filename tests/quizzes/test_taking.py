"""Taking a quiz: the quiz page, starting, answering, the result, attempts and completion in the course."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from courses import services as course_services
from courses.models import Completion, Enrolment
from quizzes import services
from quizzes.models import Answer, Attempt, QuizResult

from .factories import (
    ALL_RIGHT,
    MULTIPLE,
    NUMERIC,
    SHORT_TEXT,
    SINGLE,
    TRUE_FALSE,
    answers_for,
    bank_question,
    build_quiz,
)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def start_url(quiz):
    return f"/cuestionarios/{quiz.pk}/comenzar/"


def attempt_url(attempt):
    return f"/cuestionarios/intentos/{attempt.pk}/"


def question_texts(response):
    """The questions of an attempt form, in the order shown."""
    return [
        question.select_one("legend, label").get_text(strip=True) for question in soup_of(response).select(".question")
    ]


#: The button that sends an attempt with questions left blank, once the learner has been told which.
SEND_ANYWAY = {"enviar_sin_responder": "1"}


def start(client, quiz):
    response = client.post(start_url(quiz))
    assert response.status_code == 302
    return Attempt.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])


def test_quiz_page_shows_the_rules_and_the_start_button(learner_client, quiz):
    page = soup_of(learner_client.get(quiz.url))
    assert page.h1.get_text(strip=True) == "Evaluación del módulo"
    facts = page.select_one(".quiz-facts").get_text(" ", strip=True)
    assert "Preguntas 5" in facts
    assert "Para aprobar 70 %" in facts
    assert "Intentos 3" in facts
    assert "Tiempo límite sin límite" in facts
    assert "sí, debe aprobarlo" in facts
    progress = page.select_one(".quiz-progress")
    assert "Todavía no ha rendido este cuestionario." in progress.get_text()
    assert "Le quedan 3 intentos." in progress.get_text()
    form = progress.select_one("form")
    assert form["action"] == start_url(quiz)
    assert form.button.get_text(strip=True) == "Comenzar el cuestionario"


def test_the_kept_question_pool_follows_edits_to_the_bank(learner_client, module):
    """The pool is kept between publications (``QuizPage.published_pool``); bank questions are edited apart from
    the quiz, and an attempt started after the edit asks the question as it now reads."""
    banked = bank_question("¿Se puede publicar el RUT de una vecina en el acta del taller?")
    quiz = build_quiz(module, questions=[], bank=[banked])
    assert soup_of(learner_client.get(quiz.url)).select_one(".quiz-facts dd").get_text() == "1"
    banked.text = "¿Se puede publicar la dirección de una vecina en el acta del taller?"
    banked.save()
    choice = banked.choices.get(correct=False)
    choice.text = "Sí, si lo pide el municipio"
    choice.save()
    (question,) = start(learner_client, quiz).questions
    assert question["text"] == banked.text
    assert "Sí, si lo pide el municipio" in [choice["text"] for choice in question["choices"]]


def test_quiz_page_needs_an_enrolment(client, learner, quiz):
    response = client.get(quiz.url)
    assert response.status_code == 302 and "/cuenta/ingresar/" in response["Location"]
    client.force_login(learner)
    response = client.get(quiz.url)
    assert response.status_code == 403
    assert "primero inscríbase en el curso" in soup_of(response).get_text()
    assert client.post(start_url(quiz)).status_code == 403
    assert not Attempt.objects.exists()


def test_unpublished_quiz_is_not_found(learner_client, module):
    draft = build_quiz(module, live=False, title="Borrador", slug="borrador")
    assert learner_client.post(start_url(draft)).status_code == 404


def test_start_answer_and_read_the_result(learner_client, quiz, enrolled, learner):
    attempt = start(learner_client, quiz)
    assert (attempt.number, attempt.points_possible, attempt.submitted_at) == (1, 6, None)
    form_page = learner_client.get(attempt_url(attempt))
    questions = soup_of(form_page).select(".question")
    assert question_texts(form_page) == [
        SINGLE,
        MULTIPLE,
        TRUE_FALSE,
        SHORT_TEXT,
        NUMERIC,
    ]
    assert [label.get_text(strip=True) for label in questions[2].select("label")] == ["Verdadero", "Falso"]

    answers = {
        **ALL_RIGHT,
        SINGLE: "La Universidad de Concepción",
        MULTIPLE: ["Foco ciudadano"],  # partial credit: 1 of 2 points
        NUMERIC: "35,4",
    }
    response = learner_client.post(attempt_url(attempt), answers_for(attempt, answers))
    assert response["Location"] == attempt_url(attempt)
    attempt.refresh_from_db()
    assert attempt.points_awarded == Decimal(4)
    assert attempt.score_percent == Decimal("66.66")
    assert not attempt.passed
    stored = {answer.question_text: answer for answer in Answer.objects.filter(attempt=attempt)}
    assert stored[SINGLE].response_label == "La Universidad de Concepción" and not stored[SINGLE].correct
    assert stored[MULTIPLE].points_awarded == 1
    assert stored[SHORT_TEXT].correct and stored[NUMERIC].response_label == "35,4"

    result = soup_of(learner_client.get(attempt_url(attempt)))
    assert result.select_one(".quiz-score__figure").get_text(strip=True) == "66,66 %"
    assert "No aprobado (la nota de aprobación es 70 %)." in result.get_text()
    first = result.select(".question--graded")[0]
    picked = first.select_one(".choice--picked")
    assert "su respuesta, incorrecta" in picked.get_text()
    # Not passed, two attempts left: the next attempt must not be a lookup (``QuizPage.show_answers``).
    assert "Fue un actor, pero no lo lanzó." not in first.get_text()  # the picked choice's feedback
    assert "Explicación" not in result.get_text()
    assert not first.select(".choice--correct") and "respuesta correcta" not in first.get_text()
    hidden = result.select_one(".answers-hidden").get_text()
    assert "cuando apruebe el cuestionario o haya usado su último intento" in hidden
    assert "1 de 2 puntos" in result.select(".question--graded")[1].get_text()
    assert "Pregunta 1 · 0 de 1 punto" in first.get_text()

    page = soup_of(learner_client.get(quiz.url))
    assert "Aún no aprobado. Mejor puntaje: 66,66 %." in page.select_one(".quiz-progress").get_text()
    rows = page.select(".attempts tbody tr")
    assert [row.get_text(" ", strip=True).split(" ")[-1] for row in rows] == ["aprobado"]  # "No aprobado"
    assert page.select_one(".quiz-progress form button").get_text(strip=True) == "Comenzar un nuevo intento"
    result_row = QuizResult.objects.get(enrolment=enrolled, quiz=quiz)
    assert (result_row.best_score_percent, result_row.passed, result_row.attempts_used) == (Decimal("66.66"), False, 1)
    assert not Completion.objects.filter(user=learner, item=quiz).exists()


def pass_quiz(client, quiz):
    attempt = start(client, quiz)
    client.post(attempt_url(attempt), answers_for(attempt, ALL_RIGHT))
    attempt.refresh_from_db()
    assert attempt.passed
    return attempt


def test_passing_the_required_quiz_completes_the_course(
    learner_client, learner, course, quiz, enrolled, completed_signals, django_capture_on_commit_callbacks
):
    course_services.recompute_course_progress(course.pk)  # as publishing the quiz after the enrolment does
    lesson = course_services.required_items(course).exclude(pk=quiz.pk).get()
    course_services.complete_item(learner, lesson)
    enrolled.refresh_from_db()
    assert (enrolled.items_done, enrolled.items_required) == (1, 2)
    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(learner_client, quiz)
    enrolled.refresh_from_db()
    assert (enrolled.items_done, enrolled.progress_percent) == (2, 100)
    assert enrolled.completed_at is not None
    assert completed_signals == [enrolled]
    assert Completion.objects.filter(user=learner, item=quiz).count() == 1
    # Passing again later changes nothing in the course.
    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(learner_client, quiz)
    assert completed_signals == [enrolled]
    result = QuizResult.objects.get(quiz=quiz)
    assert (result.passed, result.attempts_used, result.best_score_percent) == (True, 2, Decimal(100))


def test_failing_after_passing_keeps_the_pass(learner_client, quiz, enrolled):
    pass_quiz(learner_client, quiz)
    attempt = start(learner_client, quiz)
    learner_client.post(attempt_url(attempt), SEND_ANYWAY)
    result = QuizResult.objects.get(quiz=quiz)
    assert (result.passed, result.best_score_percent, result.attempts_used) == (True, Decimal(100), 2)
    page = soup_of(learner_client.get(quiz.url))
    assert "Aprobado. Mejor puntaje: 100 %." in page.select_one(".quiz-progress").get_text()


def test_attempts_beyond_the_limit_are_refused(learner_client, module, enrolled):
    quiz = build_quiz(module, attempts_allowed=2, slug="dos-intentos")
    for _ in range(2):
        attempt = start(learner_client, quiz)
        learner_client.post(attempt_url(attempt), SEND_ANYWAY)
    page = soup_of(learner_client.get(quiz.url))
    assert page.select_one(".quiz-progress form") is None
    assert "Ya usó todos los intentos" in page.select_one(".quiz-progress").get_text()
    assert "Le quedan 0 intentos." in page.select_one(".quiz-progress").get_text()
    response = learner_client.post(start_url(quiz))
    assert response.status_code == 403
    assert "Ya usó todos los intentos que permite este cuestionario." in soup_of(response).get_text()
    assert Attempt.objects.filter(quiz=quiz).count() == 2
    with pytest.raises(services.AttemptsExhausted):
        services.start_attempt(enrolled.user, quiz)


def test_unlimited_attempts(learner_client, module, enrolled):
    quiz = build_quiz(module, attempts_allowed=None, slug="practica")
    for _ in range(4):
        learner_client.post(attempt_url(start(learner_client, quiz)), SEND_ANYWAY)
    page = soup_of(learner_client.get(quiz.url))
    assert "Intentos ilimitados" in page.select_one(".quiz-facts").get_text(" ", strip=True)
    assert page.select_one(".quiz-progress form button").get_text(strip=True) == "Comenzar un nuevo intento"
    assert QuizResult.objects.get(quiz=quiz).attempts_used == 4


def test_starting_twice_resumes_the_open_attempt(learner_client, quiz):
    first = start(learner_client, quiz)
    assert start(learner_client, quiz) == first
    assert Attempt.objects.count() == 1
    page = soup_of(learner_client.get(quiz.url))
    link = page.select_one(".quiz-progress a.button")
    assert (link.get_text(strip=True), link["href"]) == ("Continuar su intento", attempt_url(first))


def test_submitting_twice_grades_once(learner_client, quiz, enrolled):
    attempt = start(learner_client, quiz)
    data = answers_for(attempt, ALL_RIGHT)
    learner_client.post(attempt_url(attempt), data)
    graded_at = Attempt.objects.get(pk=attempt.pk).submitted_at
    response = learner_client.post(
        attempt_url(attempt), answers_for(attempt, {SINGLE: "Una empresa de telecomunicaciones"})
    )
    assert response.status_code == 302
    assert Answer.objects.filter(attempt=attempt).count() == 5
    assert Attempt.objects.get(pk=attempt.pk).submitted_at == graded_at
    assert QuizResult.objects.get(quiz=quiz).attempts_used == 1
    page = soup_of(learner_client.get(attempt_url(attempt)))
    assert "Este intento ya estaba corregido" in page.select_one(".messages").get_text()
    # The service on its own: a replay finds the attempt graded and writes nothing.
    outcome = services.submit_attempt(attempt, {})
    assert not outcome.graded_now and outcome.attempt.score_percent == 100


def test_someone_elses_attempt_is_not_found(client, quiz, learner_client, official):
    attempt = start(learner_client, quiz)
    client.force_login(official)
    assert client.get(attempt_url(attempt)).status_code == 404
    assert client.post(attempt_url(attempt), answers_for(attempt, ALL_RIGHT)).status_code == 404
    assert Attempt.objects.get(pk=attempt.pk).submitted_at is None


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda data, attempt: {**data, "q99": "0"}, "preguntas que no están en este intento"),
        (lambda data, attempt: {**data, "q1": "7"}, "Escoja una opción válida"),
        (lambda data, attempt: {**data, "q1": ["0", "1"]}, "se envió más de una vez"),
        (lambda data, attempt: {**data, "q2": ["0", "0"]}, "se envió más de una vez"),
        (lambda data, attempt: {**data, "q2": "x"}, "Escoja una opción válida"),
        (lambda data, attempt: {**data, "q5": "treinta y cinco"}, "Escriba un número"),
        (lambda data, attempt: {**data, "q5": "1e400"}, "Escriba un número"),
        (lambda data, attempt: {**data, "q4": "x" * 201}, "menos de 200 caracteres"),
    ],
)
def test_bad_answers_are_refused_without_using_the_attempt(learner_client, quiz, spoil, message):
    attempt = start(learner_client, quiz)
    data = spoil(answers_for(attempt, ALL_RIGHT), attempt)
    response = learner_client.post(attempt_url(attempt), data)
    assert response.status_code == 400
    summary = soup_of(response).select_one(".error-summary")
    assert message in summary.get_text()
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert not Answer.objects.exists() and not QuizResult.objects.exists()
    # The attempt is still there to answer properly.
    learner_client.post(attempt_url(attempt), answers_for(attempt, ALL_RIGHT))
    attempt.refresh_from_db()
    assert attempt.passed


def test_a_file_instead_of_an_answer_is_refused(learner_client, quiz):
    from django.core.files.uploadedfile import SimpleUploadedFile

    attempt = start(learner_client, quiz)
    response = learner_client.post(attempt_url(attempt), {"q4": SimpleUploadedFile("a.txt", b"participacion")})
    assert response.status_code == 400
    assert "Responda con texto, no con un archivo." in soup_of(response).select_one(".error-summary").get_text()
    assert Attempt.objects.get(pk=attempt.pk).submitted_at is None


def test_unanswered_questions_earn_nothing(learner_client, quiz):
    attempt = start(learner_client, quiz)
    answers = answers_for(attempt, {SHORT_TEXT: "Participación Ciudadana"})
    learner_client.post(attempt_url(attempt), {**answers, **SEND_ANYWAY})
    attempt.refresh_from_db()
    assert (attempt.points_awarded, attempt.score_percent) == (1, Decimal("16.66"))
    result = soup_of(learner_client.get(attempt_url(attempt)))
    numeric = result.select(".question--graded")[4].get_text(" ", strip=True)
    assert "Su respuesta: sin respuesta" in numeric
    assert "Respuesta correcta" not in numeric  # shown once passed or out of attempts


def test_leaving_the_course_closes_the_attempt_to_answers(learner_client, quiz, enrolled):
    attempt = start(learner_client, quiz)
    Enrolment.objects.filter(pk=enrolled.pk).update(course=None)  # as if the course were deleted
    assert learner_client.post(attempt_url(attempt), answers_for(attempt, ALL_RIGHT)).status_code == 403
    assert Attempt.objects.get(pk=attempt.pk).submitted_at is None


def test_quiz_page_query_count_does_not_grow_with_attempts(
    learner_client, module, enrolled, django_assert_max_num_queries
):
    """26: the session and user, the page and its course (Wagtail's routing and ``item_access``), the outline (its
    modules, items, enrolment and completions), the pool's size, the learner's attempts, and the user bar."""
    quiz = build_quiz(module, attempts_allowed=None, slug="practica")
    learner_client.get(quiz.url)  # warm the session and site caches
    with django_assert_max_num_queries(26):
        learner_client.get(quiz.url)
    for _ in range(3):
        learner_client.post(attempt_url(start(learner_client, quiz)), SEND_ANYWAY)
    with django_assert_max_num_queries(26):
        page = soup_of(learner_client.get(quiz.url))
    assert len(page.select(".attempts tbody tr")) == 3
