"""Finding a page in two queries (``home.routing``) answers exactly as Wagtail's walk down the tree would."""

from bs4 import BeautifulSoup
from django.test import RequestFactory

from courses.models import CourseIndexPage
from home.routing import route_in_one_query

from .factories import build_course, catalogue, lessons_of


def heading(response):
    return BeautifulSoup(response.content, "html.parser").h1.get_text(" ", strip=True)


def test_a_lesson_is_found_with_its_module_and_course_as_parents(db, home_page, django_assert_num_queries):
    course = build_course(modules=1, lessons=2)
    lesson = lessons_of(course)[1]
    request, slugs = RequestFactory().get(lesson.url), lesson.url.split("/")[1:-1]
    ancestors = [lesson.get_parent().pk, course.pk, catalogue().pk]
    with django_assert_num_queries(2):  # the chain by url_path, then the lesson as a LessonPage
        page, _args, _kwargs = route_in_one_query(home_page, request, slugs)
    assert page == lesson and type(page) is type(lesson)
    with django_assert_num_queries(0):  # each page of the chain keeps its parent
        assert [page.get_parent().pk, page.get_parent().get_parent().pk, course_of(page).get_parent().pk] == ancestors


def course_of(page):
    return page.get_parent().get_parent()


def test_an_address_without_a_page_is_left_to_wagtail(db, home_page):
    request = RequestFactory().get("/")
    assert route_in_one_query(home_page, request, ["cursos", "no-existe"]) is None
    assert route_in_one_query(home_page, request, ["no-existe"]) is None
    assert route_in_one_query(home_page, request, ["cursos"]).page == catalogue()


def test_a_page_with_routes_of_its_own_routes_the_rest_of_the_address(db, home_page, monkeypatch):
    monkeypatch.setattr(CourseIndexPage, "route", lambda self, request, rest: ("routed by", self.pk, rest))
    request = RequestFactory().get("/")
    assert route_in_one_query(home_page, request, ["cursos", "a", "b"]) == ("routed by", catalogue().pk, ["a", "b"])


def test_pages_answer_as_before(client, learner, home_page):
    course = build_course(modules=1, lessons=1)
    lesson = lessons_of(course)[0]
    assert heading(client.get("/cursos/")) == catalogue().title
    assert heading(client.get(course.url)) == course.title
    assert client.get(f"{course.url}no-existe/").status_code == 404
    assert client.get(lesson.url)["Location"].startswith("/cuenta/ingresar/?next=")  # signed out
    client.force_login(learner)
    assert client.get(lesson.url).status_code == 403  # not enrolled: asked to enrol first
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404
    # English visitors get the Spanish course (no translation) with the English interface.
    assert heading(client.get(f"/en{course.url}")) == course.title
