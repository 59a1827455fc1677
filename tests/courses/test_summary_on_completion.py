"""Completing a lesson changes the reports' summary cell only when the enrolment's counted figures change
(``reports.receivers``): one more lesson done on the way is not a new start, a course half done or completed, so it
costs the summaries nothing. A start or half way is added to the cell in one statement; a completed course is
recounted. The summaries still agree with a rebuild from scratch."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership
from accounts.roles import OFFICIAL
from courses import services
from reports import summary
from reports.models import ProgressSummary
from tests.factories import UserFactory

from .factories import build_course, lessons_of
from .test_records import run_at_once


def cell(learner, course):
    row = ProgressSummary.objects.get(course=course, municipality=learner.municipality)
    return row.enrolled, row.started, row.half_done, row.completed


def rebuilt(learner, course):
    summary.refresh()
    return cell(learner, course)


def recounts(queries):
    """The statements that change the summaries (a recount or an addition)."""
    return [query["sql"] for query in queries if "reports_progresssummary" in query["sql"]]


def reads_the_cell(queries):
    """Whether the cell's enrolments were counted again (``reports.summary.cell_figures``)."""
    return any(query["sql"].startswith("SELECT") and 'COUNT("courses_enrolment"' in query["sql"] for query in queries)


def test_only_completions_that_change_a_counted_figure_recount(learner):
    course = build_course(modules=1, lessons=6)
    services.enrol(learner, course)
    lessons = lessons_of(course)
    expected = {  # the lesson's number → whether it changes what the cell counts
        1: True,  # started
        2: False,  # 2 of 6: 33 %
        3: True,  # 3 of 6: half done
        4: False,
        5: False,
        6: True,  # completed
    }
    for number, lesson in enumerate(lessons, start=1):
        with CaptureQueriesContext(connection) as queries:
            services.complete_item(learner, lesson)
        assert bool(recounts(queries)) is expected[number], number
        assert reads_the_cell(queries) is (number == 6), number  # a start and half way are added, not recounted
        now = cell(learner, course)
        assert now == rebuilt(learner, course), number  # the kept figures are those a rebuild gives
    assert cell(learner, course) == (1, 1, 1, 1)


def test_an_enrolment_saved_without_being_read_is_recounted(learner):
    """A receiver cannot tell what an enrolment made in memory changed: it recounts."""
    course = build_course(modules=1, lessons=2)
    enrolment = services.enrol(learner, course)[0]
    fresh = type(enrolment)(pk=enrolment.pk, user=learner, course=course, course_title=course.title)
    fresh.started_at = fresh.last_activity_at
    with CaptureQueriesContext(connection) as queries:
        fresh.save(update_fields=["started_at"])
    assert recounts(queries)
    assert cell(learner, course) == rebuilt(learner, course) == (1, 1, 0, 0)


def test_completions_with_the_enrolment_as_read_recount_the_same(learner):
    """The view passes the enrolment its outline read (``services.record_new_completion``): the same recounts."""
    course = build_course(modules=1, lessons=6)
    services.enrol(learner, course)
    changes, cell_reads = [], []
    for lesson in lessons_of(course):
        enrolment = learner.enrolments.get(course=course)  # as a request reads it
        with CaptureQueriesContext(connection) as queries:
            services.complete_item(learner, lesson, enrolment)
        changes.append(bool(recounts(queries)))
        cell_reads.append(reads_the_cell(queries))
        assert cell(learner, course) == rebuilt(learner, course)
    assert changes == [True, False, True, False, False, True]
    assert cell_reads == [False, False, False, False, False, True]
    assert cell(learner, course) == (1, 1, 1, 1)


def test_the_start_of_someone_not_counted_adds_to_no_cell(learner):
    """A person whose membership waits for confirmation is not counted: their start leaves their comuna's cell
    as it was."""
    course = build_course(modules=1, lessons=2)
    colleague = UserFactory(role=OFFICIAL, municipality=learner.municipality)
    services.enrol(colleague, course)
    services.enrol(learner, course)
    learner.membership = Membership.PENDING
    learner.save()
    services.complete_item(learner, lessons_of(course)[0], learner.enrolments.get(course=course))
    assert cell(colleague, course) == rebuilt(colleague, course) == (1, 0, 0, 0)


def test_an_enrolment_saved_twice_adds_what_each_save_changed(learner):
    """The second save is compared with what the first wrote, not with the row as first read."""
    course = build_course(modules=1, lessons=2)
    services.enrol(learner, course)
    enrolment = learner.enrolments.get(course=course)
    enrolment.started_at = enrolment.last_activity_at
    enrolment.save(update_fields=["started_at"])
    enrolment.items_done, enrolment.progress_percent = 1, 50
    enrolment.save(update_fields=["items_done", "progress_percent"])
    assert cell(learner, course) == rebuilt(learner, course) == (1, 1, 1, 0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_progress_saved_outside_a_transaction_is_recounted(learner):
    """Outside the transaction that wrote it, an enrolment's change may already be counted by a recount: adding
    it to the cell again would count it twice, so it is recounted."""
    course = build_course(modules=1, lessons=2)
    services.enrol(learner, course)
    enrolment = learner.enrolments.get(course=course)
    enrolment.started_at = enrolment.last_activity_at
    with CaptureQueriesContext(connection) as queries:
        enrolment.save(update_fields=["started_at"])
    assert reads_the_cell(queries)
    assert cell(learner, course) == rebuilt(learner, course) == (1, 1, 0, 0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_starts_added_while_the_cell_is_recounted_are_each_counted_once(postgres, talcahuano):
    """Officials of one comuna start a course at the same moment as a recount of its cells: every start is in the
    cell once, as a rebuild counts them."""
    course = build_course(modules=1, lessons=4)
    people = [UserFactory(role=OFFICIAL, municipality=talcahuano) for _ in range(6)]
    for person in people:
        services.enrol(person, course)
    first = lessons_of(course)[0]
    as_read = [person.enrolments.get(course=course) for person in people]
    run_at_once(
        *(
            lambda person=person, enrolment=enrolment: services.complete_item(person, first, enrolment)
            for person, enrolment in zip(people, as_read, strict=True)
        ),
        lambda: summary.refresh_cells(course.pk, [talcahuano.pk]),
        lambda: summary.refresh_cells(course.pk, [talcahuano.pk]),
    )
    row = ProgressSummary.objects.get(course=course, municipality=talcahuano)
    assert (row.enrolled, row.started) == (6, 6)
    summary.refresh()
    assert ProgressSummary.objects.get(course=course, municipality=talcahuano).started == 6
