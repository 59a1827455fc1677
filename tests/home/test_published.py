"""What each process keeps between publications (``home.published``): editors' changes show at once, for everyone."""

import pytest
from bs4 import BeautifulSoup

from courses import services
from courses.models import LessonPage
from home.published import PUBLISHED, edition
from tests.courses.factories import LessonPageFactory, build_course, lessons_of

NEW_PARAGRAPH = "Pregunte por el último viaje en micro, no por el viaje de siempre."


@pytest.fixture
def course(official):
    course = build_course(modules=2, lessons=2)
    services.enrol(official, course)
    return course


def read(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def outline_titles(soup):
    return [item.get_text(" ", strip=True) for item in soup.select(".outline__item")]


def test_a_lesson_published_later_shows_in_the_kept_outline_at_once(client, official, course):
    client.force_login(official)
    first = lessons_of(course)[0]
    assert len(outline_titles(read(client, first))) == 2
    LessonPageFactory(parent=first.get_parent(), title="Registrar lo que escuchamos")
    titles = outline_titles(read(client, first))
    assert len(titles) == 3 and "Registrar lo que escuchamos" in titles[-1]


def test_an_unpublished_lesson_is_gone_at_once(client, official, course):
    client.force_login(official)
    second = lessons_of(course)[1]
    read(client, second)
    second.unpublish()
    assert client.get(second.url).status_code == 404


def test_a_moved_lesson_answers_at_its_new_address(client, official, course):
    """The kept address of the lesson is forgotten; Wagtail's redirect takes the old one to the new."""
    client.force_login(official)
    lesson = lessons_of(course)[0]
    old_address = lesson.url
    read(client, lesson)
    lesson.move(lessons_of(course)[-1].get_parent(), pos="last-child")
    lesson.refresh_from_db()
    assert lesson.url != old_address
    assert client.get(old_address).headers["Location"] == lesson.url
    assert read(client, lesson).h1.get_text(strip=True) == lesson.title


def test_a_published_body_shows_at_once_and_a_draft_only_in_the_admin(client, official, superuser, course):
    client.force_login(official)
    lesson = lessons_of(course)[0]
    assert NEW_PARAGRAPH not in read(client, lesson).select_one(".prose").get_text()

    lesson.body = [("paragraph", f"<p>{NEW_PARAGRAPH}</p>")]
    lesson.save_revision()
    assert NEW_PARAGRAPH not in read(client, lesson).select_one(".prose").get_text()
    client.force_login(superuser)
    draft = client.get(f"/admin/pages/{lesson.pk}/view_draft/")
    assert NEW_PARAGRAPH in BeautifulSoup(draft.content, "html.parser").select_one(".prose").get_text()

    lesson.get_latest_revision().publish()
    client.force_login(official)
    prose = read(client, lesson).select_one(".prose").get_text()
    assert NEW_PARAGRAPH in prose and "Converse con quienes esperan la micro" not in prose


def test_every_process_reloads_when_the_shared_edition_changes(client, official, course):
    """A change another process made reaches this one through the edition in the shared cache alone: here the
    title is changed without any signal, so only the new edition makes the kept outline show it."""
    client.force_login(official)
    first, second = lessons_of(course)[:2]
    read(client, first)
    LessonPage.objects.filter(pk=second.pk).update(title="Volver al paradero")
    assert not any("Volver al paradero" in title for title in outline_titles(read(client, first)))
    PUBLISHED.start_new()
    assert any("Volver al paradero" in title for title in outline_titles(read(client, first)))


def test_the_edition_changes_again_when_the_change_commits(course, django_capture_on_commit_callbacks):
    """Another process may read the old rows between the change and its commit, and keep them under the edition
    the change started; the commit starts one more."""
    lesson = lessons_of(course)[0]
    before = edition()
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
        during = edition()
    assert before != during != edition()
