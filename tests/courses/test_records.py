"""Learner records: the database enforces one enrolment per course and one completion per item, completion happens
once even when two requests race, and the course_completed signal is sent once, after commit."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from courses import services
from courses.models import Completion, Enrolment

from .factories import build_course, finish_course, lessons_of


def test_one_enrolment_per_learner_and_course(learner, enrolled, course):
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(user=learner, course=course, course_title=course.title)


def test_one_completion_per_learner_and_item(learner, enrolled, course):
    lesson = lessons_of(course)[0]
    Completion.objects.create(user=learner, item=lesson, item_title=lesson.title)
    with pytest.raises(IntegrityError), transaction.atomic():
        Completion.objects.create(user=learner, item=lesson, item_title=lesson.title)


@pytest.mark.parametrize(
    "values",
    [
        {"progress_percent": 101},
        {"items_done": 5, "items_required": 4},
        {"completed_at": "2026-03-01T10:00:00Z", "started_at": None},
    ],
    ids=["percent over 100", "more done than required", "completed without starting"],
)
def test_enrolment_figures_are_checked_by_the_database(enrolled, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.filter(pk=enrolled.pk).update(**values)


def test_completion_is_marked_once_even_from_stale_copies(
    learner, course, completed_signals, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        finish_course(learner, course)
        # Two copies of the enrolment read before completion, as two racing requests would hold them.
        stale = Enrolment.objects.get(user=learner)
        stale.completed_at = None
        assert services.complete_if_done(stale) is False
    assert len(completed_signals) == 1


def test_the_signal_waits_for_the_commit(learner, course, completed_signals, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        finish_course(learner, course)
    assert completed_signals == []
    for callback in callbacks:
        callback()
    assert [enrolment.user for enrolment in completed_signals] == [learner]
    assert completed_signals[0].completed_at is not None


def run_at_once(*calls):
    """Run each call in its own thread and database connection, released together."""
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait()
            call()
        except Exception as error:  # noqa: BLE001 -- reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_racing_completions_make_one_record_and_one_course_completion(postgres, learner, completed_signals):
    course = build_course(modules=1, lessons=3)
    lessons = lessons_of(course)
    services.enrol(learner, course)
    services.complete_item(learner, lessons[0])
    # A double click on lesson 2 and, at the same moment, lesson 3 from another tab: both are the last ones.
    run_at_once(
        lambda: services.complete_item(learner, lessons[1]),
        lambda: services.complete_item(learner, lessons[1]),
        lambda: services.complete_item(learner, lessons[2]),
    )
    assert Completion.objects.filter(user=learner).count() == 3
    enrolment = Enrolment.objects.get(user=learner)
    assert (enrolment.items_done, enrolment.progress_percent) == (3, 100)
    assert enrolment.completed_at is not None
    assert len(completed_signals) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_racing_completions_from_the_enrolment_as_read_count_each_once(postgres, learner, completed_signals):
    course = build_course(modules=1, lessons=4)
    lessons = lessons_of(course)
    services.enrol(learner, course)
    services.complete_item(learner, lessons[0])
    # As the view completes: each request passes the enrolment its outline read, all of them before any write.
    as_read = [Enrolment.objects.get(user=learner) for _ in range(4)]
    run_at_once(
        lambda: services.complete_item(learner, lessons[1], as_read[0]),
        lambda: services.complete_item(learner, lessons[1], as_read[1]),
        lambda: services.complete_item(learner, lessons[2], as_read[2]),
        lambda: services.complete_item(learner, lessons[3], as_read[3]),
    )
    assert Completion.objects.filter(user=learner).count() == 4
    enrolment = Enrolment.objects.get(user=learner)
    assert (enrolment.items_done, enrolment.progress_percent) == (4, 100)
    assert enrolment.completed_at is not None
    assert len(completed_signals) == 1


def test_reading_lesson_after_lesson_writes_the_enrolment_once_per_activity_precision(client, learner, enrolled):
    lessons = lessons_of(enrolled.course)
    client.force_login(learner)
    client.get(lessons[0].url)
    enrolment = Enrolment.objects.get(pk=enrolled.pk)
    assert enrolment.started_at is not None  # the first lesson opened starts the course
    first_activity = enrolment.last_activity_at

    client.get(lessons[1].url)
    assert Enrolment.objects.get(pk=enrolled.pk).last_activity_at == first_activity  # within the precision

    earlier = first_activity - services.ACTIVITY_PRECISION
    Enrolment.objects.filter(pk=enrolled.pk).update(last_activity_at=earlier)
    client.get(lessons[1].url)
    assert Enrolment.objects.get(pk=enrolled.pk).last_activity_at > first_activity
