"""A method card embedded in a lesson: shown to learners, and the method page lists the lesson and its course."""

from bs4 import BeautifulSoup

from courses import services
from tests.courses.factories import LessonPageFactory, ModulePageFactory, build_course
from toolkits.blocks import method_card


def test_a_lesson_embedding_a_method_card_is_listed_on_the_method_page(client, official, make_method):
    method = make_method("Mapa de actores del paradero")
    course = build_course(modules=1, lessons=0, title="Co-diseño en el paradero")
    module = ModulePageFactory(parent=course, title="Conocer a quienes viajan")
    lesson = LessonPageFactory(
        parent=module,
        title="Quién influye en el paradero",
        body=[("paragraph", "<p>Antes de diseñar, mire quién decide.</p>"), ("method", method_card(method.slug))],
    )
    lesson.save_revision().publish()

    method_page = BeautifulSoup(client.get(method.url).content, "html.parser")
    listed = method_page.select_one("section.lessons")
    assert [a.get_text(strip=True) for a in listed.select("a")] == [lesson.title, course.title]
    assert [a["href"] for a in listed.select("a")] == [lesson.url, course.url]

    services.enrol(official, course)
    client.force_login(official)
    lesson_page = BeautifulSoup(client.get(lesson.url).content, "html.parser")
    card_link = lesson_page.select_one(f"main a[href='{method.url}']")
    assert card_link is not None and method.title in card_link.get_text()


def test_an_unpublished_lesson_is_not_listed(client, make_method):
    method = make_method("Votación por puntos")
    course = build_course(modules=1, lessons=0)
    module = ModulePageFactory(parent=course)
    lesson = LessonPageFactory(parent=module, body=[("method", method_card(method.slug))])
    lesson.unpublish()
    page = BeautifulSoup(client.get(method.url).content, "html.parser")
    assert page.select_one("section.lessons") is None
