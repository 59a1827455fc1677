"""The reports' course select is kept with the published site (``reports.filters.every_course``): a publication
shows on the next request, a draft does not. The cohort select is kept for each comuna until cohorts change."""

from bs4 import BeautifulSoup

from tests.cohorts.factories import CohortFactory


def course_options(client, url="/reportes/general/"):
    response = client.get(url)
    assert response.status_code == 200
    select = BeautifulSoup(response.content, "html.parser").select_one("select[name=curso]")
    return [option.get_text(strip=True) for option in select.select("option")][1:]  # after "All courses"


def test_a_published_title_shows_on_the_next_request_and_a_draft_does_not(client, known, ministry):
    client.force_login(ministry)
    assert "Curso A de movilidad" in course_options(client)

    course = known.course_a
    course.title = "Curso A, borrador"
    course.save_revision()  # a draft: what learners and reports see is unchanged
    assert "Curso A de movilidad" in course_options(client)

    course.title = "Curso A de movilidad urbana"
    course.save_revision().publish()
    options = course_options(client)
    assert "Curso A de movilidad urbana" in options
    assert "Curso A de movilidad" not in options


def cohort_options(client, url):
    response = client.get(url)
    assert response.status_code == 200
    select = BeautifulSoup(response.content, "html.parser").select_one("select[name=convocatoria]")
    return [option.get_text(strip=True) for option in select.select("option")][1:]  # after "All cohorts"


def test_the_cohort_select_is_the_comunas_own_and_shows_each_change_on_the_next_request(
    client, known, coordinator, coronel_coordinator, ministry, talcahuano, coronel
):
    """The cohort select is kept for each comuna (``reports.filters.comuna_cohorts``): a coordinator sees their
    comuna's cohorts only, and a new cohort, a new title or new comunas show on the next request."""
    own = CohortFactory(course=known.course_a, municipalities=[talcahuano], title="Talcahuano 2027")
    CohortFactory(course=known.course_a, municipalities=[coronel], title="Coronel 2027")
    talcahuano_report, coronel_report = "/reportes/comunas/08110/", "/reportes/comunas/08102/"
    client.force_login(coordinator)
    assert cohort_options(client, talcahuano_report) == ["Talcahuano 2027"]
    client.force_login(coronel_coordinator)
    assert cohort_options(client, coronel_report) == ["Coronel 2027"]
    client.force_login(ministry)
    assert sorted(cohort_options(client, "/reportes/general/")) == ["Coronel 2027", "Talcahuano 2027"]

    own.title = "Talcahuano 2027, segunda"
    own.save()
    own.municipalities.add(coronel)
    client.force_login(coordinator)
    assert cohort_options(client, talcahuano_report) == ["Talcahuano 2027, segunda"]
    client.force_login(coronel_coordinator)
    assert sorted(cohort_options(client, coronel_report)) == ["Coronel 2027", "Talcahuano 2027, segunda"]
    own.delete()
    assert cohort_options(client, coronel_report) == ["Coronel 2027"]
