"""The method card block lessons embed, and how a method finds the pages that embed it (Wagtail's reference index)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import blocks
from wagtail.models import Page, ReferenceIndex

from toolkits import usage
from toolkits.blocks import MethodCardBlock, method_card
from toolkits.models import MethodPage

from .conftest import soup_of


class LessonBody(blocks.StreamBlock):
    """A stand-in for a lesson body: what the courses app will add the block to."""

    paragraph = blocks.RichTextBlock()
    method = MethodCardBlock()


def test_the_card_renders_title_what_time_group_difficulty_and_link(make_method):
    method = make_method(
        "Mapa de actores",
        what="Un esquema de quién influye en un problema de movilidad.",
        duration_min=45,
        duration_max=90,
        group_min=3,
        group_max=8,
        difficulty=2,
    )
    block = MethodCardBlock()
    html = block.render(block.to_python({"method": method.pk, "note": "Úselo antes de las entrevistas."}))
    card = BeautifulSoup(html, "html.parser")
    link = card.select_one("h3 a")
    assert link.get_text(strip=True) == "Mapa de actores"
    assert link["href"] == "/herramientas/" + method.slug + "/"
    assert "Un esquema de quién influye" in card.get_text()
    assert "Úselo antes de las entrevistas." in card.select_one(".method-card__note").get_text()
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in card.select("dt")}
    assert facts == {"Tiempo": "45 min – 1 h 30 min", "Grupo": "3–8 personas", "Dificultad": "Media"}


def test_a_card_for_an_unpublished_method_shows_nothing(make_method):
    method = make_method(publish=False)
    block = MethodCardBlock()
    assert block.render(block.to_python({"method": method.pk})).strip() == ""
    assert block.render(block.to_python({"method": 999_999})).strip() == ""


def test_cards_in_a_stream_fetch_their_methods_in_one_query(make_method):
    methods = [make_method(f"Método {number}") for number in range(5)]
    stream = LessonBody()
    raw = [{"type": "paragraph", "value": "<p>Antes de empezar:</p>"}] + [
        {"type": "method", "value": {"method": method.pk, "note": ""}} for method in methods
    ]
    with CaptureQueriesContext(connection) as queries:
        value = stream.to_python(raw)
        html = stream.render(value)
    assert len(queries) == 1
    titles = [a.get_text(strip=True) for a in BeautifulSoup(html, "html.parser").select(".method-card h3 a")]
    assert titles == [f"Método {number}" for number in range(5)]


def test_method_card_gives_demo_loaders_a_block_value_from_a_slug(make_method):
    method = make_method(slug="mapa-de-actores")
    assert method_card("mapa-de-actores") == {"method": method, "note": ""}
    with pytest.raises(MethodPage.DoesNotExist, match="no-existe"):
        method_card("no-existe")


def test_the_block_previews_with_a_published_method(make_method):
    method = make_method("Votación por puntos")
    assert "Votación por puntos" in MethodCardBlock().render(MethodCardBlock().get_preview_value())
    assert method.live


def test_embedding_a_card_records_the_reference_and_the_method_finds_the_page(make_method):
    """A real page that embeds the block (a method's related methods) is recorded in Wagtail's reference index."""
    target = make_method("Entrevistas a usuarios")
    citing = make_method("Mapa de actores", related=[("method", {"method": target, "note": ""})])
    references = ReferenceIndex.get_references_to(target)
    assert list(references.values_list("object_id", "model_path")) == [(str(citing.pk), "related.method.method")]
    assert [(found.page.specific, found.course) for found in usage.pages_referencing(target)] == [(citing, None)]
    # Related methods are shown as related methods, not as lessons.
    assert usage.lessons_using(target) == []


def _reference(source, target):
    """The row Wagtail writes when ``source`` embeds ``target``'s card in its body (as a lesson will)."""
    return ReferenceIndex.objects.create(
        content_type=ContentType.objects.get_for_model(source.specific_class),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(source.pk),
        to_content_type=ContentType.objects.get_for_model(Page),
        to_object_id=str(target.pk),
        model_path="body.method.method",
        content_path="body.3f2a7c1e-0000-4000-8000-000000000001.method",
        content_path_hash=ReferenceIndex._get_content_path_hash("body.3f2a7c1e-0000-4000-8000-000000000001.method"),
    )


def test_a_method_page_lists_the_published_pages_that_embed_it_with_their_course(
    client, make_method, home_page, toolkit, monkeypatch
):
    method = make_method("Mapa de actores")
    lesson = home_page.add_child(instance=Page(title="Conocer a quienes viajan", slug="conocer-a-quienes-viajan"))
    draft = home_page.add_child(instance=Page(title="Lección en borrador", slug="borrador", live=False))
    _reference(lesson, method)
    _reference(draft, method)
    soup = soup_of(client.get(method.url))
    links = [(a.get_text(strip=True), a["href"]) for a in soup.select(".lessons a")]
    assert links == [("Conocer a quienes viajan", "/conocer-a-quienes-viajan/")]
    # The course a lesson belongs to is its nearest ancestor of the course page type (the home page stands in here).
    monkeypatch.setattr(usage, "COURSE_PAGE_MODEL", "home.HomePage")
    found = usage.lessons_using(method)
    assert [(item.page.title, item.course.specific) for item in found] == [("Conocer a quienes viajan", home_page)]
    soup = soup_of(client.get(method.url))
    assert [a.get_text(strip=True) for a in soup.select(".lessons li a")] == ["Conocer a quienes viajan", "Inicio"]


def test_without_the_courses_app_lessons_have_no_course(make_method, home_page):
    method = make_method()
    lesson = home_page.add_child(instance=Page(title="Lección", slug="leccion"))
    _reference(lesson, method)
    assert [(item.page.title, item.course) for item in usage.lessons_using(method)] == [("Lección", None)]
