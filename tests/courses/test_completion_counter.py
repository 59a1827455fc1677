"""Completing an item adds one to the enrolment's figures instead of recounting them (``courses.services``); the
recount stays the nightly check and puts right whatever drifted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services
from courses.models import Completion, Enrolment
from courses.tasks import recompute_all_course_progress

from .factories import lessons_of


def figures(enrolment):
    enrolment.refresh_from_db()
    return enrolment.items_done, enrolment.items_required, enrolment.progress_percent


def test_a_new_completion_adds_one_without_recounting(learner, enrolled, course, monkeypatch):
    first = lessons_of(course)[0]
    first.get_course()  # cached with the published site, as in a served request
    # The reports recount their summary cell in this transaction (reports.receivers): not the courses' statements.
    without_summaries(monkeypatch)
    with CaptureQueriesContext(connection) as queries:
        result = services.complete_item(learner, first)
    statements = [query["sql"].split()[0] for query in queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert statements == ["SELECT", "INSERT", "UPDATE"]  # the enrolment with the learner's completion of the item
    assert not any("COUNT(" in query["sql"] for query in queries)
    assert result.created and not result.course_completed
    assert figures(enrolled) == (1, 4, 25)


def test_a_replay_changes_nothing(learner, enrolled, course):
    first = lessons_of(course)[0]
    original = services.complete_item(learner, first).completion
    replay = services.complete_item(learner, first)
    assert not replay.created and replay.completion == original
    assert figures(enrolled) == (1, 4, 25)


def test_an_optional_lesson_does_not_count(learner, enrolled, course):
    optional = lessons_of(course)[-1]
    optional.optional = True
    optional.save_revision().publish()
    services.recompute_course_progress(course.pk)
    assert figures(enrolled) == (0, 3, 0)
    services.complete_item(learner, optional)
    assert figures(enrolled) == (0, 3, 0)


def test_the_last_required_item_completes_the_course(learner, enrolled, course):
    results = [services.complete_item(learner, lesson) for lesson in lessons_of(course)]
    assert [result.course_completed for result in results] == [False, False, False, True]
    enrolled.refresh_from_db()
    assert enrolled.is_complete and figures(enrolled) == (4, 4, 100)


def test_the_nightly_recount_puts_a_drifted_count_right(learner, enrolled, course):
    services.complete_item(learner, lessons_of(course)[0])
    Enrolment.objects.filter(pk=enrolled.pk).update(items_done=3, progress_percent=75)  # a lost message, say
    recompute_all_course_progress()
    assert figures(enrolled) == (1, 4, 25)


def without_summaries(monkeypatch):
    monkeypatch.setattr("reports.receivers.municipality_of", lambda user_id: None)
    monkeypatch.setattr("reports.summary.refresh_cells", lambda *args, **kwargs: None)
    monkeypatch.setattr("reports.summary.add_to_cell", lambda *args, **kwargs: False)


def test_with_the_enrolment_as_read_a_new_completion_is_one_statement(postgres, learner, enrolled, course, monkeypatch):
    first = lessons_of(course)[0]
    first.get_course()
    without_summaries(monkeypatch)
    as_read = Enrolment.objects.get(pk=enrolled.pk)
    with CaptureQueriesContext(connection) as queries:
        result = services.complete_item(learner, first, as_read)
    # The insert and the enrolment's UPDATE together: no read of the enrolment, no lock. (Its transaction, a
    # savepoint inside the test's, holds what the reports' receivers write with it.)
    statements = [query["sql"].split()[0] for query in queries]
    assert [statement for statement in statements if statement not in ("SAVEPOINT", "RELEASE")] == ["WITH"]
    assert result.created and not result.course_completed
    assert figures(enrolled) == (1, 4, 25)


def test_an_enrolment_changed_since_it_was_read_is_counted_under_its_lock(learner, enrolled, course):
    first, second = lessons_of(course)[:2]
    stale = Enrolment.objects.get(pk=enrolled.pk)
    services.complete_item(learner, first)  # another request of the same learner, meanwhile
    result = services.complete_item(learner, second, stale)
    assert result.created
    assert figures(enrolled) == (2, 4, 50)


def test_a_replay_with_the_enrolment_as_read_finds_the_record(learner, enrolled, course):
    first = lessons_of(course)[0]
    original = services.complete_item(learner, first).completion
    replay = services.complete_item(learner, first, Enrolment.objects.get(pk=enrolled.pk))
    assert not replay.created and replay.completion == original
    assert figures(enrolled) == (1, 4, 25)


def test_with_the_enrolment_as_read_the_last_item_completes_the_course_once(learner, enrolled, course):
    results = [
        services.complete_item(learner, lesson, Enrolment.objects.get(pk=enrolled.pk)) for lesson in lessons_of(course)
    ]
    assert [result.course_completed for result in results] == [False, False, False, True]
    enrolled.refresh_from_db()
    assert enrolled.is_complete and figures(enrolled) == (4, 4, 100)
    again = services.complete_item(learner, lessons_of(course)[-1], Enrolment.objects.get(pk=enrolled.pk))
    assert not again.created and not again.course_completed


def test_a_learner_unenrolled_meanwhile_keeps_no_completion(learner, enrolled, course):
    as_read = Enrolment.objects.get(pk=enrolled.pk)
    enrolled.delete()
    with pytest.raises(services.NotEnrolled):
        services.complete_item(learner, lessons_of(course)[0], as_read)
    assert not Completion.objects.filter(user=learner).exists()
