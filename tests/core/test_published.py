"""The published site cached between publications (``core.published``): editors' changes show on the next request
of every process, and drafts change nothing.

"Another process" is what the cache design has to get right: a change made elsewhere reaches this process only
through the generation in the shared cache. ``elsewhere()`` makes the change with this process's local copies set
aside (as another process would: it cannot touch them), then puts them back, still holding what was loaded before.
"""

from contextlib import contextmanager

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

from core import published
from core.published import PUBLISHED, generation
from courses import services
from courses.models import LessonPage, Topic
from tests.courses.factories import LessonPageFactory, build_course, lessons_of
from tests.courses.test_card_images import cover

NEW_PARAGRAPH = "Pregunte por el último viaje en micro, no por el viaje de siempre."


@pytest.fixture
def course(official):
    course = build_course(modules=2, lessons=2)
    services.enrol(official, course)
    return course


@contextmanager
def elsewhere(monkeypatch):
    """The change in the block is made by another process: this one's cached copies are out of its reach."""
    mine = published.LOCAL
    with monkeypatch.context() as patch:
        patch.setattr(published, "LOCAL", LocMemCache("another-process", {}))
        yield
    assert published.LOCAL is mine and mine._cache, "this process still holds what it loaded before the change"


def read(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def outline_titles(soup):
    return [item.get_text(" ", strip=True) for item in soup.select(".outline__item")]


def test_a_lesson_published_elsewhere_shows_in_the_outline_on_the_next_request(client, official, course, monkeypatch):
    client.force_login(official)
    first = lessons_of(course)[0]
    assert len(outline_titles(read(client, first))) == 2
    with elsewhere(monkeypatch):
        LessonPageFactory(parent=first.get_parent(), title="Registrar lo que escuchamos")
    titles = outline_titles(read(client, first))
    assert len(titles) == 3 and "Registrar lo que escuchamos" in titles[-1]


def test_a_lesson_unpublished_elsewhere_is_gone_on_the_next_request(client, official, course, monkeypatch):
    client.force_login(official)
    second = lessons_of(course)[1]
    read(client, second)
    with elsewhere(monkeypatch):
        second.unpublish()
    assert client.get(second.url).status_code == 404


def test_a_lesson_moved_elsewhere_answers_at_its_new_address(client, official, course, monkeypatch):
    """The cached page of the old address is forgotten; Wagtail's redirect takes the old one to the new."""
    client.force_login(official)
    lesson = lessons_of(course)[0]
    old_address = lesson.url
    read(client, lesson)
    with elsewhere(monkeypatch):
        lesson.move(lessons_of(course)[-1].get_parent(), pos="last-child")
    lesson.refresh_from_db()
    assert lesson.url != old_address
    assert client.get(old_address).headers["Location"] == lesson.url
    assert read(client, lesson).h1.get_text(strip=True) == lesson.title


def test_a_lesson_deleted_elsewhere_is_gone_on_the_next_request(client, official, course, monkeypatch):
    client.force_login(official)
    second = lessons_of(course)[1]
    address = second.url
    read(client, second)
    with elsewhere(monkeypatch):
        second.delete()
    assert client.get(address).status_code == 404


def test_a_body_published_elsewhere_shows_at_once_and_a_draft_only_in_the_admin(
    client, official, superuser, course, monkeypatch
):
    client.force_login(official)
    lesson = lessons_of(course)[0]
    assert NEW_PARAGRAPH not in read(client, lesson).select_one(".prose").get_text()

    lesson.body = [("paragraph", f"<p>{NEW_PARAGRAPH}</p>")]
    lesson.save_revision()
    assert NEW_PARAGRAPH not in read(client, lesson).select_one(".prose").get_text()
    client.force_login(superuser)
    draft = client.get(f"/admin/pages/{lesson.pk}/view_draft/")
    assert NEW_PARAGRAPH in BeautifulSoup(draft.content, "html.parser").select_one(".prose").get_text()

    with elsewhere(monkeypatch):
        LessonPage.objects.get(pk=lesson.pk).get_latest_revision().publish()
    client.force_login(official)
    prose = read(client, lesson).select_one(".prose").get_text()
    assert NEW_PARAGRAPH in prose and "Converse con quienes esperan la micro" not in prose


def test_draft_saves_and_autosaves_keep_the_generation(client, official, course):
    """An editor at work (a draft of a published lesson, a new page not yet published) costs learners nothing."""
    client.force_login(official)
    lesson = lessons_of(course)[0]
    read(client, lesson)
    before = generation()
    lesson.title = "Un borrador que nadie ve todavía"
    lesson.save_revision()
    lesson.save_revision(clean=False)  # what an autosave makes
    LessonPageFactory(parent=lesson.get_parent(), title="Una lección en preparación", live=False)
    assert generation() == before
    assert read(client, lesson).h1.get_text(strip=True) != "Un borrador que nadie ve todavía"


@pytest.mark.parametrize("change", ["topic saved", "topic deleted", "site saved", "image saved"])
def test_what_pages_render_besides_pages_starts_a_new_generation(change, site, django_capture_on_commit_callbacks):
    topic = Topic.objects.create(name="Movilidad", slug="movilidad")
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        if change == "topic saved":
            topic.name = "Movilidad urbana"
            topic.save()
        elif change == "topic deleted":
            topic.delete()
        elif change == "site saved":
            site.site_name = "Cocrea"
            site.save()
        else:
            cover()
    assert generation() != before


def test_a_catalogue_topic_renamed_elsewhere_shows_on_the_next_request(client, course, monkeypatch):
    topic = Topic.objects.create(name="Movilidad", slug="movilidad")
    course.topics.add(topic)
    assert "Movilidad" in client.get("/cursos/").content.decode()
    with elsewhere(monkeypatch):
        Topic.objects.filter(pk=topic.pk).update(name="Transporte público")
        Topic.objects.get(pk=topic.pk).save()
    assert "Transporte público" in client.get("/cursos/").content.decode()


def test_every_process_reloads_when_the_shared_generation_changes(client, official, course):
    """A change another process made reaches this one through the generation in the shared cache alone: here the
    title is changed without any signal, so only the new generation makes the cached outline show it."""
    client.force_login(official)
    first, second = lessons_of(course)[:2]
    read(client, first)
    LessonPage.objects.filter(pk=second.pk).update(title="Volver al paradero")
    assert not any("Volver al paradero" in title for title in outline_titles(read(client, first)))
    PUBLISHED.start_new()
    assert any("Volver al paradero" in title for title in outline_titles(read(client, first)))


def test_each_request_gets_its_own_copy(course):
    """What a request does to a cached page (an attribute set while serving) never reaches another request."""
    first = published.kept(("a page",), lambda: LessonPage.objects.get(pk=lessons_of(course)[0].pk))
    first.title = "Cambiado por una petición"
    again = published.kept(("a page",), lambda: pytest.fail("it is cached"))
    assert again.title != "Cambiado por una petición" and again is not first


def test_the_generation_changes_again_when_the_change_commits(course, django_capture_on_commit_callbacks):
    """Another process may read the old rows between the change and its commit, and cache them under the
    generation the change started; the commit starts one more."""
    lesson = lessons_of(course)[0]
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
        during = generation()
    assert before != during != generation()


def body_rendered(client, lesson):
    response = client.get(lesson.url)
    assert response.status_code == 200
    return "components/lesson_body.html" in [template.name for template in response.templates]


def test_a_lesson_body_is_rendered_once_per_publication_and_kept_in_the_process(client, official, course):
    """The body is the same for every learner: the next reader gets the copy this process keeps, and the shared
    cache is not asked for it."""
    client.force_login(official)
    lesson = lessons_of(course)[0]
    assert body_rendered(client, lesson)
    assert not body_rendered(client, lesson)
    assert [key for key in published.LOCAL._cache if "lesson_body" in key]
    assert not [key for key in cache._cache if "lesson_body" in key]
    lesson.save_revision().publish()
    assert body_rendered(client, lesson)


def test_without_a_generation_no_body_is_kept(client, official, course, monkeypatch):
    """While the shared cache does not answer, a change elsewhere could not be heard of: every body is rendered."""
    monkeypatch.setattr(PUBLISHED, "current", lambda: None)
    client.force_login(official)
    lesson = lessons_of(course)[0]
    assert body_rendered(client, lesson)
    assert body_rendered(client, lesson)
