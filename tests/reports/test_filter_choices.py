"""The reports' course select is kept with the published site (``reports.filters.every_course``): a publication
shows on the next request, a draft does not."""

from bs4 import BeautifulSoup


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
