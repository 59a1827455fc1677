"""Authoring quizzes in the Wagtail admin: nested questions and choices, their validation, the preview, the bank."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from courses.authoring import sync_course_team
from quizzes.models import BankQuestion, QuizPage
from tests.security.framing import assert_framed_by_the_admin_only

from .factories import SINGLE, build_quiz


@pytest.fixture
def authored(module, trainer):
    sync_course_team(module.get_parent().specific)
    return build_quiz(module)


def edit_form(client, page):
    """The edit form as a browser would send it. ``querydict_from_html`` sends ticked checkboxes without a value
    (Django reads that as unticked), so they get the browser's "on"."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = client.get(url).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for checkbox in BeautifulSoup(html, "html.parser").select("#page-edit-form input[type=checkbox][checked]"):
        data[checkbox["name"]] = "on"
    return url, data


def test_the_trainer_edits_questions_and_choices_inline(client, trainer, authored):
    client.force_login(trainer)
    url, data = edit_form(client, authored)
    assert data["questions-0-text"].strip() == SINGLE
    assert data["questions-0-choices-0-text"] == "El Banco Mundial y el MTT"
    data["questions-0-choices-2-text"] = "Una empresa de buses"
    data["questions-0-points"] = "3"
    response = client.post(url, data)
    assert response.status_code == 302
    draft = QuizPage.objects.get(pk=authored.pk).get_latest_revision_as_object()
    single = draft.questions.get(text=SINGLE)
    assert single.points == 3
    assert [choice.text for choice in single.choices.all()][2] == "Una empresa de buses"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"questions-0-choices-1-correct": "on"}, "exactamente una alternativa correcta"),
        ({"questions-1-choices-0-correct": "", "questions-1-choices-1-correct": ""}, "al menos una alternativa"),
        ({"questions-2-true_false_answer": ""}, "Indique si la afirmación es verdadera o falsa."),
        ({"questions-3-accepted_answers": "  "}, "Escriba al menos una respuesta aceptada."),
        ({"questions-4-numeric_answer": ""}, "Escriba el número correcto."),
    ],
)
def test_questions_that_do_not_fit_their_type_are_refused(client, trainer, authored, changes, message):
    client.force_login(trainer)
    url, data = edit_form(client, authored)
    for name, value in changes.items():
        if value:
            data[name] = value
        else:
            data.pop(name, None)
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert QuizPage.objects.get(pk=authored.pk).get_latest_revision().pk == authored.get_latest_revision().pk


def test_the_preview_shows_every_question_with_its_answers(client, trainer, authored):
    client.force_login(trainer)
    url, data = edit_form(client, authored)
    data["title"] = "Evaluación en borrador"
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[authored.pk])
    assert client.post(preview_url, data).json() == {"is_valid": True, "is_available": True}
    response = client.get(preview_url)
    assert_framed_by_the_admin_only(response)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Evaluación en borrador"
    preview = soup.select_one(".quiz-preview")
    assert "5 preguntas en el conjunto" in preview.h2.get_text()
    assert preview.select_one("strong").get_text(strip=True) == "✓ El Banco Mundial y el MTT"
    assert "Participación ciudadana · participacion vecinal" in preview.get_text()
    assert not soup.select(".quiz-progress")


def test_a_quiz_can_be_added_to_a_module(client, trainer, authored):
    client.force_login(trainer)
    module = authored.get_parent()
    response = client.get(f"/admin/pages/add/quizzes/quizpage/{module.pk}/")
    assert response.status_code == 200
    assert "Preguntas del banco" in response.content.decode()


def test_trainers_write_the_question_bank(client, trainer):
    client.force_login(trainer)
    url = "/admin/snippets/quizzes/bankquestion/add/"
    response = client.get(url)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").select_one("form[method=post]")
    assert form.select_one("[name=choices-TOTAL_FORMS]") is not None
    data = {
        "topic": "Ley 20.285",
        "question_type": "single",
        "text": "¿Qué ley regula el acceso a la información pública?",
        "points": "1",
        "explanation": "La Ley 20.285, de transparencia.",
        "tolerance": "0",
        "accepted_answers": "",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "10",
        "choices-0-text": "Ley 20.285",
        "choices-0-correct": "on",
        "choices-0-ORDER": "1",
        "choices-1-text": "Ley 19.628",
        "choices-1-ORDER": "2",
    }
    assert client.post(url, {**data, "choices-1-correct": "on"}).status_code == 200  # two correct: refused
    assert not BankQuestion.objects.exists()
    assert client.post(url, data).status_code == 302
    question = BankQuestion.objects.get()
    assert [(c.text, c.correct) for c in question.choices.all()] == [("Ley 20.285", True), ("Ley 19.628", False)]


def test_the_quiz_header_in_the_admin_links_to_its_item_analysis(client, trainer, authored):
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[authored.pk])).content.decode()
    assert f'href="/cuestionarios/{authored.pk}/analisis/"' in html
    lesson = authored.get_parent().get_children().first()
    assert "/analisis/" not in client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).content.decode()
