"""The course's editor shows its outline (modules → items, status, required) and the checklist before review; the
explorer lists modules and items in the order learners see them; a course failing the checklist cannot be
submitted."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import WorkflowState

from certificates.models import CertificateTemplate
from courses.authoring import sync_course_team
from courses.models import CoursePage
from tests.quizzes.factories import build_quiz

from .admin_forms import page_form
from .factories import LessonPageFactory, ModulePageFactory, build_course, lessons_of


@pytest.fixture
def course(trainer):
    course = build_course(modules=2, lessons=2, trainers=[trainer])
    sync_course_team(course)
    return course


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_the_explorer_lists_modules_and_items_in_the_learners_order(client, trainer, course):
    first, second = course.get_children().specific()
    second.save_revision().publish()  # the most recently updated module no longer comes first
    client.force_login(trainer)
    titles = [a.get_text(strip=True) for a in soup(client.get(f"/admin/pages/{course.pk}/")).select("td.title a")]
    titles = [title for title in titles if title in (first.title, second.title)]
    assert titles[:2] == [first.title, second.title]
    lessons = lessons_of(course)
    lessons[0].save_revision().publish()
    listing = soup(client.get(f"/admin/pages/{first.pk}/")).select_one("table").get_text()
    assert listing.index(lessons[0].title) < listing.index(lessons[1].title)


def test_the_outline_shows_each_page_status_and_whether_it_is_required(
    client, trainer, course, django_assert_max_num_queries
):
    modules = list(course.get_children().specific())
    lessons = lessons_of(course)
    draft = LessonPageFactory(parent=modules[1], title="Lección en borrador", optional=True)
    draft.unpublish()
    in_review = lessons[1]
    in_review.save_revision(user=trainer, clean=False)
    in_review.get_workflow().start(in_review, trainer)
    quiz = build_quiz(modules[1], title="Evaluación final")
    lessons[0].save_revision()  # live, with changes in draft
    client.force_login(trainer)
    with django_assert_max_num_queries(120):
        page = soup(client.get(edit_url(course)))
    outline = page.select_one(".course-outline")
    rows = {
        li.a.get_text(strip=True): " ".join(li.get_text(" ", strip=True).split()) for li in outline.select("ol ol li")
    }
    assert "· Lección · Actividad obligatoria · En línea, con cambios en borrador" in rows[lessons[0].title]
    assert "En revisión" in rows[in_review.title]
    assert "· Lección · Actividad opcional · Borrador" in rows["Lección en borrador"]
    assert "· Cuestionario · Actividad obligatoria · En línea" in rows[quiz.title]
    modules_in_outline = [li.a.get_text(strip=True) for li in outline.find_all("li", recursive=False)]
    assert modules_in_outline == [module.title for module in modules]
    assert outline.select_one("a")["href"] == edit_url(modules[0])


def test_the_checklist_says_what_is_missing_and_refuses_submission(client, trainer, course):
    client.force_login(trainer)
    checklist = soup(client.get(edit_url(course))).select_one(".course-checklist").get_text(" ", strip=True)
    assert "El curso tiene al menos un módulo" in checklist
    assert "Agregue un cuestionario obligatorio al último módulo." in checklist
    assert "Elija una en «Cómo se cursa»." in checklist

    data = page_form(client, edit_url(course), CoursePage, summary="Un resumen nuevo.")
    data["action-submit"] = "action-submit"
    response = client.post(edit_url(course), data)
    assert response.status_code == 200
    errors = soup(response).get_text(" ", strip=True)
    assert "No está listo para revisión: Existe el cuestionario final." in errors
    assert not WorkflowState.objects.filter(object_id=str(course.pk)).exists()
    course.refresh_from_db()
    assert course.summary != "Un resumen nuevo."


def test_a_course_that_passes_the_checklist_goes_to_review(client, trainer, course):
    modules = list(course.get_children().specific())
    build_quiz(modules[-1], title="Evaluación final")
    template = CertificateTemplate.objects.create(name="Cursos del MTT")
    client.force_login(trainer)
    data = page_form(client, edit_url(course), CoursePage, certificate_template=str(template.pk))
    data["action-submit"] = "action-submit"
    response = client.post(edit_url(course), data)
    assert response.status_code == 302, soup(response).select(".error-message, .help-critical")
    assert WorkflowState.objects.get(object_id=str(course.pk)).status == WorkflowState.STATUS_IN_PROGRESS


def test_a_module_without_a_required_item_is_named(client, trainer, course):
    empty = ModulePageFactory(parent=course, title="Módulo sin actividades")
    LessonPageFactory(parent=empty, title="Lectura adicional", optional=True)
    client.force_login(trainer)
    checklist = soup(client.get(edit_url(course))).select_one(".course-checklist").get_text(" ", strip=True)
    assert "Sin una actividad obligatoria: Módulo sin actividades." in checklist
