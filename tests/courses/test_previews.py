"""Every course page type previews in the admin, for a trainer of the course, with the draft's content."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from courses.authoring import sync_course_team
from courses.models import LessonPage
from tests.security.framing import assert_framed_by_the_admin_only, assert_never_framed

from .admin_forms import page_form
from .factories import build_course, lessons_of


@pytest.fixture
def authored(trainer):
    course = build_course(modules=1, lessons=2, trainers=[trainer])
    sync_course_team(course)
    return course


def preview(client, page, changes):
    data = page_form(client, reverse("wagtailadmin_pages:edit", args=[page.pk]), type(page), **changes)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert client.post(preview_url, data).json() == {"is_valid": True, "is_available": True}
    response = client.get(preview_url)
    assert response.status_code == 200
    assert_framed_by_the_admin_only(response)
    return BeautifulSoup(response.content, "html.parser")


def test_previews_show_in_the_side_panel_on_every_device_size_and_pages_stay_unframed(client, trainer, authored):
    """The side panel asks for the preview with ``in_preview_panel`` and resizes the frame for each device."""
    client.force_login(trainer)
    lesson = lessons_of(authored)[0]
    preview(client, lesson, {"title": "Entrevistas a usuarios"})
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    response = client.get(preview_url, {"in_preview_panel": "true", "mode": ""})
    assert_framed_by_the_admin_only(response)
    assert BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True) == "Entrevistas a usuarios"
    editor = BeautifulSoup(client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).content, "html.parser")
    sizes = {tag["value"] for tag in editor.select("input[name=preview-size]")}
    assert {"mobile", "tablet", "desktop"} <= sizes
    for page in (authored, lesson.get_parent(), lesson):
        assert_never_framed(client.get(page.url))


def test_catalogue_preview(client, superuser, course_index, authored):
    client.force_login(superuser)
    soup = preview(client, course_index, {"intro": "Cursos para equipos municipales del Gran Concepción."})
    assert soup.select_one(".lead").get_text(strip=True) == "Cursos para equipos municipales del Gran Concepción."
    assert authored.title in soup.select_one(".cards").get_text()


def test_course_preview_shows_the_draft_without_anyones_progress(client, trainer, authored):
    client.force_login(trainer)
    soup = preview(client, authored, {"summary": "Un resumen nuevo, aún en borrador."})
    assert soup.select_one(".lead").get_text(strip=True) == "Un resumen nuevo, aún en borrador."
    assert len(soup.select(".module")) == 1
    assert not soup.select("progress")


def test_module_preview(client, trainer, authored):
    client.force_login(trainer)
    module = lessons_of(authored)[0].get_parent()
    soup = preview(client, module, {"title": "Conocer a quienes viajan"})
    assert "Conocer a quienes viajan" in soup.h1.get_text()
    assert len(soup.select(".outline__item")) == 2


def test_lesson_preview_shows_the_body_and_no_completion_button(client, trainer, authored):
    client.force_login(trainer)
    soup = preview(client, lessons_of(authored)[0], {"title": "Entrevistas a usuarios"})
    assert soup.h1.get_text(strip=True) == "Entrevistas a usuarios"
    assert soup.select_one(".prose h2").get_text(strip=True) == "Cómo preparar la entrevista"
    assert "Pregunte por el último viaje" in soup.select_one(".prose").get_text()
    assert not soup.select(".completion form")
    assert "Vista previa" in soup.select_one(".completion").get_text()


def test_preview_of_a_lesson_not_yet_created(client, trainer, authored):
    client.force_login(trainer)
    module = lessons_of(authored)[0].get_parent()
    add_url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk])
    data = page_form(
        client, add_url, LessonPage, title="Una lección nueva", slug="una-leccion-nueva", estimated_minutes="10"
    )
    preview_url = reverse("wagtailadmin_pages:preview_on_add", args=["courses", "lessonpage", module.pk])
    assert client.post(preview_url, data).json() == {"is_valid": True, "is_available": True}
    soup = BeautifulSoup(client.get(preview_url).content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Una lección nueva"
    assert "Pregunte por el último viaje" in soup.select_one(".prose").get_text()
