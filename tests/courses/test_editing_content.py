"""Editing content never deletes or corrupts a learner's records; progress follows what is currently required.

Structure changes are made with Wagtail's own actions (publish, unpublish, move, delete), whose signals queue the
recompute; ``django_capture_on_commit_callbacks(execute=True)`` lets the transaction "commit" so it runs.
"""

import pytest
from bs4 import BeautifulSoup

from courses import services
from courses.models import Completion, Enrolment, LessonPage

from .factories import LessonPageFactory, ModulePageFactory, build_course, finish_course, lessons_of


@pytest.fixture
def halfway(learner, enrolled, course):
    """The learner has completed the first two of the course's four lessons."""
    lessons = lessons_of(course)
    for lesson in lessons[:2]:
        services.complete_item(learner, lesson)
    return lessons


def figures(enrolment):
    enrolment.refresh_from_db()
    return enrolment.items_done, enrolment.items_required, enrolment.progress_percent


def test_moving_a_completed_lesson_within_the_course_keeps_everything(
    enrolled, course, halfway, django_capture_on_commit_callbacks
):
    other_module = halfway[2].get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        halfway[0].move(other_module, pos="last-child")
    assert Completion.objects.filter(item=halfway[0]).count() == 1
    assert figures(enrolled) == (2, 4, 50)
    assert LessonPage.objects.get(pk=halfway[0].pk).url.startswith(other_module.url)


def test_moving_a_lesson_to_another_course_takes_its_completion_along(
    learner, enrolled, course, halfway, django_capture_on_commit_callbacks
):
    elsewhere = build_course(modules=1, lessons=1)
    other_enrolment = services.enrol(learner, elsewhere)[0]
    assert figures(other_enrolment) == (0, 1, 0)
    with django_capture_on_commit_callbacks(execute=True):
        halfway[0].move(lessons_of(elsewhere)[0].get_parent(), pos="last-child")
    assert figures(enrolled) == (1, 3, 33)
    assert figures(other_enrolment) == (1, 2, 50)
    assert Completion.objects.filter(user=learner).count() == 2


def test_renaming_a_lesson_keeps_its_completion(client, learner, enrolled, course, halfway):
    lesson = halfway[0]
    earned_on = lesson.title
    lesson.title = "Entrevistas en el paradero"
    lesson.slug = "entrevistas-en-el-paradero"
    lesson.save_revision().publish()
    assert Completion.objects.get(item=lesson).item_title == earned_on  # a snapshot of when it was earned
    client.force_login(learner)
    soup = BeautifulSoup(client.get(course.url).content, "html.parser")
    first = soup.select_one(".outline__item")
    assert "Entrevistas en el paradero" in first.get_text() and first.select_one(".outline__mark use")["href"].endswith(
        "#check"
    )
    assert figures(enrolled) == (2, 4, 50)


def test_unpublishing_a_completed_lesson_keeps_the_record_and_recounts(
    enrolled, course, halfway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        halfway[0].unpublish()
    assert Completion.objects.filter(item=halfway[0]).exists()
    assert figures(enrolled) == (1, 3, 33)
    with django_capture_on_commit_callbacks(execute=True):
        halfway[0].save_revision().publish()
    assert figures(enrolled) == (2, 4, 50)


def test_unpublishing_a_module_leaves_its_lessons_out(enrolled, course, halfway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        halfway[2].get_parent().specific.unpublish()  # the module only; its lessons stay live but unreachable
    assert figures(enrolled) == (2, 2, 100)


def test_adding_a_lesson_raises_what_is_required(enrolled, course, halfway, django_capture_on_commit_callbacks):
    module = halfway[0].get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        lesson = LessonPageFactory.build(title="Una lección nueva")
        module.add_child(instance=lesson)
        lesson.save_revision().publish()
    assert figures(enrolled) == (2, 5, 40)


def test_a_completed_course_stays_completed_when_a_lesson_is_added(
    learner, course, completed_signals, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = finish_course(learner, course)
    completed_at = Enrolment.objects.get(pk=enrolment.pk).completed_at
    with django_capture_on_commit_callbacks(execute=True):
        module = ModulePageFactory.build(title="Módulo agregado")
        course.add_child(instance=module)
        module.save_revision().publish()
        lesson = LessonPageFactory.build(title="Lección agregada")
        module.add_child(instance=lesson)
        lesson.save_revision().publish()
    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed_at
    assert (enrolment.items_done, enrolment.items_required) == (4, 5)
    assert len(completed_signals) == 1


def test_removing_the_last_missing_lesson_completes_the_course_once(
    enrolled, course, halfway, completed_signals, django_capture_on_commit_callbacks
):
    services.complete_item(enrolled.user, halfway[2])
    with django_capture_on_commit_callbacks(execute=True):
        halfway[3].unpublish()
    enrolled.refresh_from_db()
    assert enrolled.completed_at is not None
    assert [enrolment.pk for enrolment in completed_signals] == [enrolled.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.recompute_course_progress(course.pk)
    assert len(completed_signals) == 1


def test_making_a_lesson_optional_recounts(enrolled, course, halfway, django_capture_on_commit_callbacks):
    lesson = LessonPage.objects.get(pk=halfway[3].pk)
    lesson.optional = True
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
    assert figures(enrolled) == (2, 3, 67)  # 66.7, rounded half up (core.percentages)


def test_deleting_a_completed_lesson_keeps_the_record_with_its_title(
    learner, enrolled, course, halfway, django_capture_on_commit_callbacks
):
    title = halfway[0].title
    with django_capture_on_commit_callbacks(execute=True):
        halfway[0].delete()
    record = Completion.objects.get(user=learner, item_title=title)
    assert record.item is None
    assert figures(enrolled) == (1, 3, 33)


def test_deleting_a_course_keeps_the_enrolments_with_their_title(
    client, learner, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = finish_course(learner, course)
    title = course.title
    with django_capture_on_commit_callbacks(execute=True):
        course.delete()
    enrolment.refresh_from_db()
    assert enrolment.course is None and enrolment.course_title == title and enrolment.completed_at
    assert Completion.objects.filter(user=learner).count() == 4
    client.force_login(learner)
    soup = BeautifulSoup(client.get("/mi-aprendizaje/").content, "html.parser")
    assert title in soup.select_one(".completed-list").get_text()
