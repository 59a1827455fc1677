"""Helpers a trainer expects while writing: alternative text unless an image is decorative, and a lesson's time
estimated from its text and activities when left empty."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.authoring import sync_course_team
from courses.estimates import estimate_minutes
from courses.models import LessonPage
from home.blocks import CaptionedImageBlock

from .admin_forms import page_form
from .factories import build_course, lessons_of


@pytest.fixture
def image(db):
    return Image.objects.create(title="Paradero de Hualqui", file=get_test_image_file())


def test_an_image_needs_alternative_text_unless_it_is_decorative(image):
    block = CaptionedImageBlock()
    with pytest.raises(ValidationError) as refused:
        block.clean(block.to_python({"image": image.pk, "alt_text": "  ", "decorative": False}))
    assert "Describa lo que muestra la imagen o márquela como decorativa." in str(refused.value.block_errors)
    described = block.clean(block.to_python({"image": image.pk, "alt_text": "Gente esperando la micro"}))
    assert described["alt_text"] == "Gente esperando la micro"
    decorative = block.clean(block.to_python({"image": image.pk, "alt_text": "Un adorno", "decorative": True}))
    assert decorative["alt_text"] == ""
    html = BeautifulSoup(block.render(decorative), "html.parser")
    assert html.img["alt"] == ""


def body_of(*blocks):
    return LessonPage(body=list(blocks)).body


def test_the_estimate_counts_reading_video_and_activities(image):
    text = "<p>" + " ".join(["palabra"] * 360) + "</p>"  # two minutes of reading
    assert estimate_minutes(body_of(("paragraph", text))) == 2
    transcript = "<p>" + " ".join(["dicho"] * 260) + "</p>"  # two minutes spoken
    video = {"video": None, "title": "Un viaje", "transcript": transcript}
    assert estimate_minutes(body_of(("paragraph", text), ("video", video))) == 4
    assert estimate_minutes(body_of(("heading", "Solo un título"))) == 1


def latest(page):
    """The draft as the editor saved it last (Wagtail may overwrite the latest revision in place)."""
    return LessonPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def test_a_lesson_left_without_minutes_gets_the_estimate(client, trainer):
    course = build_course(modules=1, lessons=1, trainers=[trainer])
    sync_course_team(course)
    lesson = lessons_of(course)[0]
    client.force_login(trainer)
    edit_url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    editor = BeautifulSoup(client.get(edit_url).content, "html.parser")
    assert "Estimación para la lección guardada: 1 min." in editor.get_text()
    text = "<p>" + " ".join(["palabra"] * 900) + "</p>"  # five minutes of reading
    data = page_form(client, edit_url, LessonPage, estimated_minutes="")
    data.update(nested_form_data({"body": streamfield([("paragraph", rich_text(text))])}))
    assert client.post(edit_url, data).status_code == 302
    assert latest(lesson).estimated_minutes == 5

    data["estimated_minutes"] = "12"
    assert client.post(edit_url, data).status_code == 302
    assert latest(lesson).estimated_minutes == 12, "a time the trainer sets is kept"
