"""The lesson body's own blocks: video with a required transcript, downloadable document, key takeaways."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from courses.blocks import LessonStreamBlock

from .factories import LessonPageFactory, build_course, lessons_of

VIDEO_URL = "https://www.youtube.com/watch?v=cocrea2014"


@pytest.fixture
def cached_embed(db):
    """Wagtail looks embeds up in its table before asking the provider, so no request leaves the machine."""
    return Embed.objects.create(
        hash=get_embed_hash(VIDEO_URL),
        url=VIDEO_URL,
        max_width=None,
        type="video",
        html='<iframe title="Un viaje en micro" src="https://www.youtube.com/embed/cocrea2014"></iframe>',
        title="Un viaje en micro",
        provider_name="YouTube",
    )


def render(block_type, value):
    block = LessonStreamBlock().child_blocks[block_type]
    return BeautifulSoup(block.render(block.to_python(value)), "html.parser")


def test_a_video_needs_its_transcript(cached_embed):
    block = LessonStreamBlock().child_blocks["video"]
    value = block.to_python({"video": VIDEO_URL, "title": "Un viaje en micro", "transcript": ""})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_only_youtube_and_vimeo_videos_are_accepted(db):
    block = LessonStreamBlock().child_blocks["video"]
    value = block.to_python(
        {"video": "https://videos.example/paradero.mp4", "title": "Paradero", "transcript": "<p>Texto.</p>"}
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "YouTube o Vimeo" in str(error.value.block_errors["video"])


def test_the_page_lets_the_video_players_in(client, learner, enrolled, course):
    client.force_login(learner)
    policy = client.get(lessons_of(course)[0].url)["Content-Security-Policy"]
    frame_src = next(part for part in policy.split(";") if part.strip().startswith("frame-src"))
    assert "https://www.youtube.com" in frame_src and "https://player.vimeo.com" in frame_src


def test_video_renders_the_player_and_its_transcript(cached_embed):
    soup = render(
        "video",
        {
            "video": VIDEO_URL,
            "title": "Un viaje en micro de Hualqui a Concepción",
            "transcript": "<p>Son las siete de la mañana en el paradero de la plaza.</p>",
        },
    )
    assert soup.select_one(".video__frame iframe")["src"] == "https://www.youtube.com/embed/cocrea2014"
    assert soup.figcaption.a["href"] == VIDEO_URL
    assert soup.select_one("details summary").get_text(strip=True) == "Transcripción"
    assert "Son las siete de la mañana" in soup.select_one("details").get_text()


def test_document_link_says_format_and_size(db):
    document = get_document_model().objects.create(
        title="Guía de entrevista", file=ContentFile(b"pregunta;respuesta\n" * 100, name="guia-de-entrevista.csv")
    )
    soup = render("document", {"document": document.pk, "title": "", "description": "Para imprimir y llevar."})
    link = soup.select_one(".download a")
    assert link.get_text(strip=True) == "Guía de entrevista"
    assert link["href"] == document.url
    assert "(CSV, 1,9" in soup.get_text() and "KB)" in soup.get_text()
    assert "Para imprimir y llevar." in soup.get_text()


def test_takeaways_render_as_a_list(client, learner):
    course = build_course(modules=1, lessons=0)
    module = course.get_children().first()
    LessonPageFactory(parent=module, body=[("takeaways", ["Escuchar primero.", "Probar en pequeño."])])
    from courses import services

    services.enrol(learner, course)
    client.force_login(learner)
    soup = BeautifulSoup(client.get(lessons_of(course)[0].url).content, "html.parser")
    takeaways = soup.select_one(".takeaways")
    assert takeaways.select_one(".takeaways__title").get_text(strip=True) == "Ideas clave"
    assert [li.get_text() for li in takeaways.select("li")] == ["Escuchar primero.", "Probar en pequeño."]
