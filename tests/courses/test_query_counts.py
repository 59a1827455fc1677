"""The catalogue, course, lesson and dashboard pages run a fixed number of queries whatever the size of the catalogue.

Each page is measured at two data sizes with the same pinned count. A first request warms the caches a real
process keeps between requests (content types, site root paths, the person's permissions: ``accounts.backends``, and
between publications the site, the page of each address, each course's outline and the catalogue's courses:
``core.published``), so the count is that of a warm page.
"""

import pytest

from courses import services

from .factories import build_course, lessons_of

SIZES = {"small": (1, 1, 2), "large": (4, 3, 4)}  # courses, modules per course, lessons per module


@pytest.fixture(params=SIZES, ids=list(SIZES))
def catalogue_of(request, learner):
    """``learner`` enrolled in every course of a catalogue of the given size, with their first lesson done."""
    courses, modules, lessons = SIZES[request.param]
    built = [build_course(modules=modules, lessons=lessons, modules_in_order=True) for _ in range(courses)]
    for course in built:
        services.enrol(learner, course)
        services.complete_item(learner, lessons_of(course)[0])
    return built


def measure(client, django_assert_num_queries, address, queries, status=200):
    assert client.get(address).status_code == status
    with django_assert_num_queries(queries):
        assert client.get(address).status_code == status


def test_catalogue_for_visitors(client, catalogue_of, django_assert_num_queries):
    measure(client, django_assert_num_queries, "/cursos/", 0)  # rendered once per generation of the published site


def test_catalogue_for_a_learner(client, learner, catalogue_of, django_assert_num_queries):
    client.force_login(learner)
    measure(client, django_assert_num_queries, "/cursos/", 3)


def test_catalogue_search_and_filters(client, learner, catalogue_of, django_assert_num_queries):
    client.force_login(learner)
    measure(client, django_assert_num_queries, "/cursos/?q=movilidad&nivel=basico", 4)


def test_course_page(client, learner, catalogue_of, django_assert_num_queries):
    client.force_login(learner)
    measure(client, django_assert_num_queries, catalogue_of[-1].url, 4)  # the comuna's cohorts are kept


def test_lesson_page(client, learner, catalogue_of, django_assert_num_queries):
    client.force_login(learner)
    # The session with its person, and their enrolment with their completions.
    measure(client, django_assert_num_queries, lessons_of(catalogue_of[-1])[1].url, 2)


def test_dashboard(client, learner, catalogue_of, django_assert_num_queries):
    client.force_login(learner)
    # The session with its person, and their enrolments with their courses: nothing completed, no certificates.
    # Their comuna's cohort deadlines and announcements are kept (``cohorts.kept``): no cohort, no time zone to read.
    measure(client, django_assert_num_queries, "/mi-aprendizaje/", 2)


def test_dashboard_with_a_completed_course(client, learner, catalogue_of, django_assert_num_queries):
    for lesson in lessons_of(catalogue_of[0]):
        services.complete_item(learner, lesson)
    client.force_login(learner)
    # … and the certificates of the completed ones.
    measure(client, django_assert_num_queries, "/mi-aprendizaje/", 3)


def test_module_page(client, learner, catalogue_of, django_assert_num_queries):
    client.force_login(learner)
    module = lessons_of(catalogue_of[-1])[0].get_parent()
    # The session with its person, and their enrolment with their completions: the module's items are kept.
    measure(client, django_assert_num_queries, module.url, 2)
