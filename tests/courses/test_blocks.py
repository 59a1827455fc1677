"""The lesson body's own blocks: figures, video with a required transcript, downloadable document, key takeaways."""

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


DRAWING = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 420">'
    b'<rect width="640" height="420"/></svg>'
)


def a_drawing(name="mapa-de-viaje.svg", content=DRAWING):
    return get_document_model().objects.create(title="Mapa de viaje", file=ContentFile(content, name=name))


def figure(**value):
    return {"image": None, "drawing": None, "alt_text": "Una curva que cae en la espera.", "caption": "", **value}


def test_a_figure_shows_an_svg_drawing_with_its_alternative_text_size_and_caption(db):
    drawing = a_drawing()
    soup = render("figure", figure(drawing=drawing.pk, caption="La curva de emociones de Marisol."))
    image = soup.select_one("figure.figure--drawing img")
    assert image["src"] == drawing.url
    assert image["alt"] == "Una curva que cae en la espera."
    assert (image["width"], image["height"]) == ("640", "420")  # from the viewBox: no layout shift on loading
    assert image["loading"] == "lazy"
    assert soup.select_one("figcaption").get_text(strip=True) == "La curva de emociones de Marisol."


def test_a_figure_is_an_image_or_a_drawing_and_a_drawing_is_svg(db):
    block = LessonStreamBlock().child_blocks["figure"]
    for value in [figure(), figure(drawing=a_drawing().pk, image=None)]:
        if value["drawing"] is None:
            with pytest.raises(ValidationError):
                block.clean(block.to_python(value))
        else:
            assert block.clean(block.to_python(value))["drawing"].file_extension == "svg"
    csv = a_drawing(name="tabla.csv", content=b"a;b\n")
    with pytest.raises(ValidationError) as refused:
        block.clean(block.to_python(figure(drawing=csv.pk)))
    assert "SVG" in str(refused.value.block_errors["drawing"])


def test_a_figure_without_alternative_text_is_refused(db):
    block = LessonStreamBlock().child_blocks["figure"]
    with pytest.raises(ValidationError):
        block.clean(block.to_python(figure(drawing=a_drawing().pk, alt_text="")))


def test_a_lesson_shows_its_figure_to_the_learner(client, learner):
    course = build_course(modules=1, lessons=0)
    drawing = a_drawing()
    LessonPageFactory(parent=course.get_children().first(), body=[("figure", figure(drawing=drawing))])
    from courses import services

    services.enrol(learner, course)
    client.force_login(learner)
    soup = BeautifulSoup(client.get(lessons_of(course)[0].url).content, "html.parser")
    assert soup.select_one(".prose figure img")["alt"] == "Una curva que cae en la espera."
