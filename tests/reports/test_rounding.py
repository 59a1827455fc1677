"""One rounding rule for every percentage (``core.percentages``): in Python, in the database, on both sides."""

import pytest
from django.db.models import Value
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import Municipality
from core.percentages import percent, percent_expression
from courses import services
from courses.models import Enrolment
from courses.outline import CourseOutline
from tests.courses.factories import build_course, lessons_of

from .pages import soup


@pytest.mark.parametrize(
    ("part", "whole", "decimals", "expected"),
    [
        (11, 12, 0, 92),  # 91.67: half up, never cut down to 91
        (7, 13, 1, 53.8),
        (1, 8, 1, 12.5),
        (1, 16, 1, 6.3),  # 6.25: half up, not half to even
        (1, 2, 0, 50),
        (199, 200, 0, 99),  # 99.5 is not complete: never 100 below the whole
        (1, 300, 0, 1),  # 0.33 is not nothing: never 0 above nothing
        (1999, 2000, 1, 99.9),
        (0, 12, 0, 0),
        (12, 12, 1, 100.0),
    ],
)
def test_the_rule(part, whole, decimals, expected):
    assert percent(part, whole, decimals) == expected


def test_a_share_of_nothing_is_no_figure():
    assert percent(0, 0) is None


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=500), st.integers(min_value=0, max_value=500))
def test_the_database_rounds_as_python_does(part, whole):
    part = min(part, whole)
    # Any one-row table will do to evaluate the expression: the comunas are there from the migrations.
    share = (
        Municipality.objects.annotate(share=percent_expression(Value(part), Value(whole)))
        .values_list("share", flat=True)
        .first()
    )
    assert share == (percent(part, whole) or 0)


@pytest.mark.django_db
def test_eleven_of_twelve_reads_the_same_for_the_learner_and_in_reports(client, official, coordinator):
    course = build_course(modules=3, lessons=4)
    services.enrol(official, course)
    for lesson in lessons_of(course)[:11]:
        services.complete_item(official, lesson)
    enrolment = Enrolment.objects.get(user=official, course=course)
    assert enrolment.progress_percent == 92  # not cut down to 91
    Enrolment.objects.filter(pk=enrolment.pk).update(items_done=0, progress_percent=0)  # stale: recounted
    services.recompute_course_progress(course.pk)  # the database's rounding, for a whole course at once
    enrolment.refresh_from_db()
    assert enrolment.progress_percent == 92
    assert CourseOutline.load(course, official).percent == 92

    client.force_login(official)
    dashboard = soup(client.get("/mi-aprendizaje/")).get_text(" ", strip=True)
    assert "11 de 12 actividades completadas (92 %)" in dashboard

    client.force_login(coordinator)
    page = soup(client.get("/reportes/comunas/08110/"))
    progress = page.find(id="table-funcionarios").find_parent("table").select_one("tbody td span[title]")
    assert (progress.get_text(), progress["title"]) == ("91,7 %", "11 de 12")  # one decimal, same rule
