"""The catalogue: published courses as cards, filtered by topic and level, searched in Spanish."""

import pytest
from bs4 import BeautifulSoup

from courses.models import LessonPage

from .factories import CoursePageFactory, LessonPageFactory, TopicFactory, build_course, lessons_of


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [a.get_text(strip=True) for a in soup_of(response).select(".course-card h2 a")]


@pytest.fixture
def courses(db):
    participation = TopicFactory(name="Participación ciudadana")
    procurement = TopicFactory(name="Compras públicas")
    basics = build_course(
        modules=2,
        lessons=2,
        title="Ciudad inteligente desde abajo",
        summary="El caso de 2014 y la innovación abierta en el municipio.",
        estimated_hours=5,
        topics=[participation],
    )
    challenge = build_course(
        modules=1,
        lessons=3,
        title="Cómo organizar un desafío abierto",
        summary="Bases, jurado, mentoría y compra de la solución.",
        level="intermedio",
        estimated_hours=8,
        topics=[participation, procurement],
    )
    LessonPageFactory(
        parent=lessons_of(challenge)[0].get_parent(),
        title="Comprar la solución",
        body=[("paragraph", "<p>La Ley 19.886 regula las compras públicas y el uso de Mercado Público.</p>")],
    )
    return basics, challenge


def test_every_published_course_is_a_card(client, courses):
    CoursePageFactory(title="Curso en borrador", live=False)
    soup = soup_of(client.get("/cursos/"))
    assert soup.h1.get_text(strip=True) == "Cursos"
    cards = soup.select(".course-card")
    assert [card.h2.get_text(strip=True) for card in cards] == [
        "Ciudad inteligente desde abajo",
        "Cómo organizar un desafío abierto",
    ]
    first = cards[0]
    assert first.h2.a["href"] == courses[0].url
    assert "El caso de 2014" in first.get_text()
    assert [li.get_text(strip=True) for li in first.select(".facts li")] == ["Básico", "5 horas", "4 lecciones"]
    assert [badge.get_text(strip=True) for badge in first.select(".badge")] == ["Participación ciudadana"]
    second = [li.get_text(strip=True) for li in cards[1].select(".facts li")]
    assert second == ["Intermedio", "8 horas", "4 lecciones"]
    assert "2 cursos" in soup.select_one("[role=status]").get_text()


def test_lessons_count_leaves_out_what_is_not_published(client, courses):
    basics = courses[0]
    lessons = lessons_of(basics)
    lessons[0].unpublish()
    lessons[2].get_parent().specific.unpublish()  # a whole module
    soup = soup_of(client.get("/cursos/"))
    assert "1 lección" in soup.select(".course-card")[0].get_text()


def test_filter_by_topic_and_level(client, courses):
    assert titles(client.get("/cursos/?tema=compras-publicas")) == ["Cómo organizar un desafío abierto"]
    assert titles(client.get("/cursos/?tema=participacion-ciudadana&nivel=basico")) == [
        "Ciudad inteligente desde abajo"
    ]
    assert titles(client.get("/cursos/?nivel=avanzado")) == []
    soup = soup_of(client.get("/cursos/?nivel=avanzado"))
    assert "Ningún curso coincide con estos filtros" in soup.select_one("main").get_text()
    assert soup.select_one("select[name=nivel] option[selected]")["value"] == "avanzado"
    assert soup.select_one(".filters a").get_text(strip=True) == "Quitar los filtros"


@pytest.mark.parametrize("query", ["innovación", "innovacion", "INNOVACIÓN"])
def test_search_ignores_accents_and_capitals(client, courses, query):
    assert titles(client.get(f"/cursos/?q={query}")) == ["Ciudad inteligente desde abajo"]


def test_search_finds_a_course_through_its_lessons(client, courses):
    assert titles(client.get("/cursos/?q=Mercado Público")) == ["Cómo organizar un desafío abierto"]
    assert titles(client.get("/cursos/?q=mercado&nivel=basico")) == []


def test_search_leaves_out_unpublished_lessons(client, courses):
    LessonPage.objects.get(title="Comprar la solución").unpublish()
    assert titles(client.get("/cursos/?q=Mercado Público")) == []


def test_empty_catalogue_says_so(client, course_index):
    soup = soup_of(client.get("/cursos/"))
    assert "Todavía no hay cursos publicados." in soup.select_one("main").get_text()


def test_course_page_shows_what_a_learner_needs_to_decide(client, trainer, courses):
    basics = courses[0]
    basics.trainers = [trainer]
    basics.save_revision().publish()
    soup = soup_of(client.get(basics.url))
    assert soup.h1.get_text(strip=True) == "Ciudad inteligente desde abajo"
    text = soup.select_one("main").get_text(" ", strip=True)
    assert "Nivel: Básico" in text and "5 horas" in text and "2 módulos" in text
    assert (
        "Identificar a los actores del transporte local."
        in soup.find("h2", string="Qué aprenderá").find_next("ul").text
    )
    assert soup.find("h2", string="A quién está dirigido").find_next("p").get_text() == basics.audience
    modules = soup.select(".module")
    assert len(modules) == 2
    first_lesson = modules[0].select_one(".outline__item")
    assert "15 min" in first_lesson.get_text()
    assert first_lesson.a["href"] == lessons_of(basics)[0].url
    assert trainer.get_full_name() in soup.select_one(".people").get_text()


def test_module_page_lists_its_lessons(client, courses):
    module = lessons_of(courses[0])[0].get_parent()
    soup = soup_of(client.get(module.url))
    assert soup.select_one(".kicker").get_text(strip=True) == "Módulo 1"
    assert [a["href"] for a in soup.select(".outline a")] == [lesson.url for lesson in lessons_of(courses[0])[:2]]
    assert soup.select_one("main a.button").get_text(strip=True) == "Inicie sesión para inscribirse"
