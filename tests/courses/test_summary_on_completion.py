"""Completing a lesson recounts the reports' summary cell only when the enrolment's counted figures change
(``reports.receivers``): one more lesson done on the way is not a new start, a course half done or completed, so it
costs the summaries nothing, and they still agree with a rebuild from scratch."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services
from reports import summary
from reports.models import ProgressSummary

from .factories import build_course, lessons_of


def cell(learner, course):
    row = ProgressSummary.objects.get(course=course, municipality=learner.municipality)
    return row.enrolled, row.started, row.half_done, row.completed


def rebuilt(learner, course):
    summary.refresh()
    return cell(learner, course)


def recounts(queries):
    return [query["sql"] for query in queries if "reports_progresssummary" in query["sql"]]


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
    changes = []
    for lesson in lessons_of(course):
        enrolment = learner.enrolments.get(course=course)  # as a request reads it
        with CaptureQueriesContext(connection) as queries:
            services.complete_item(learner, lesson, enrolment)
        changes.append(bool(recounts(queries)))
        assert cell(learner, course) == rebuilt(learner, course)
    assert changes == [True, False, True, False, False, True]
    assert cell(learner, course) == (1, 1, 1, 1)
