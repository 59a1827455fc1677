"""Every bad input of the issue gets a clear answer in Spanish, never a 500, and never touches anyone's records."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from courses import services
from courses.models import Completion, Enrolment, LessonPage
from tests.factories import UserFactory

from .factories import CoursePageFactory, build_course, lessons_of


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def complete_url(item_id):
    return f"/mi-aprendizaje/actividades/{item_id}/completar/"


def enrol_url(course_id):
    return f"/mi-aprendizaje/cursos/{course_id}/inscripcion/"


def test_lesson_of_a_course_not_enrolled_in_asks_to_enrol_first(client, learner, course):
    lesson = lessons_of(course)[0]
    client.force_login(learner)
    response = client.get(lesson.url)
    assert response.status_code == 403
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == lesson.title
    assert f"primero inscríbase en el curso «{course.title}»" in soup.select_one(".status--locked").get_text()
    assert "Converse con quienes esperan" not in soup.get_text()
    form = soup.select_one("main form")
    assert form["action"] == enrol_url(course.pk)
    assert form.select_one("input[name=next]")["value"] == lesson.url
    # Enrolling from there comes back to the lesson.
    response = client.post(form["action"], {"next": form.select_one("input[name=next]")["value"]})
    assert response["Location"] == lesson.url
    assert client.get(lesson.url).status_code == 200


def test_completing_without_enrolment_is_refused(client, learner, course):
    lesson = lessons_of(course)[0]
    client.force_login(learner)
    response = client.post(complete_url(lesson.pk))
    assert response.status_code == 403
    assert "primero inscríbase" in soup_of(response).get_text()
    assert not Completion.objects.exists()


def test_the_service_refuses_too(learner, course):
    with pytest.raises(services.NotEnrolled):
        services.complete_item(learner, lessons_of(course)[0])


@pytest.mark.parametrize("level", ["course", "module", "lesson"])
def test_unpublished_pages_are_not_found(client, learner, enrolled, course, level):
    lesson = lessons_of(course)[0]
    page = {"course": course, "module": lesson.get_parent(), "lesson": lesson}[level]
    client.force_login(learner)
    url = lesson.url
    page.specific.unpublish()
    response = client.get(url)
    assert response.status_code == 404
    assert soup_of(response).h1.get_text(strip=True) == "No encontramos esta página"
    assert client.post(complete_url(lesson.pk)).status_code == 404
    assert not Completion.objects.exists()


def test_unpublished_course_cannot_be_enrolled_or_resumed(client, learner):
    draft = CoursePageFactory(live=False)
    client.force_login(learner)
    assert client.post(enrol_url(draft.pk)).status_code == 404
    assert client.get(f"/mi-aprendizaje/cursos/{draft.pk}/continuar/").status_code == 404
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize(
    "address",
    ["/mi-aprendizaje/cursos/999999/inscripcion/", "/mi-aprendizaje/actividades/999999/completar/"],
)
def test_unknown_ids_are_not_found(client, learner, address):
    client.force_login(learner)
    assert client.post(address).status_code == 404


def test_ids_of_other_pages_are_not_items(client, learner, enrolled, course):
    """A module's or course's id is not something one can complete, nor a course one can enrol in."""
    module = lessons_of(course)[0].get_parent()
    client.force_login(learner)
    assert client.post(complete_url(module.pk)).status_code == 404
    assert client.post(complete_url(course.pk)).status_code == 404
    assert client.post(enrol_url(module.pk)).status_code == 404


def test_anonymous_visitors_sign_in_and_come_back(client, course):
    lesson = lessons_of(course)[0]
    for address in (lesson.url, "/mi-aprendizaje/"):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"] == f"/cuenta/ingresar/?next={address}"
    # Actions send to sign-in too, and coming back to their address leads to the page they belong to.
    response = client.post(complete_url(lesson.pk))
    assert response["Location"].startswith("/cuenta/ingresar/?next=")
    assert not Completion.objects.exists()
    course_page = soup_of(client.get(course.url))
    sign_in = course_page.select_one(".panel a.button")
    assert sign_in.get_text(strip=True) == "Inicie sesión para inscribirse"
    assert sign_in["href"] == f"/cuenta/ingresar/?next={course.url}"


def test_get_on_an_action_leads_to_its_page_and_changes_nothing(client, learner, enrolled, course):
    lesson = lessons_of(course)[0]
    client.force_login(learner)
    assert client.get(complete_url(lesson.pk))["Location"] == lesson.url
    assert client.get(enrol_url(course.pk))["Location"] == course.url
    assert not Completion.objects.exists()


def test_actions_need_the_csrf_token(learner, enrolled, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post(complete_url(lessons_of(course)[0].pk)).status_code == 403
    assert not Completion.objects.exists()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "0", ""])
def test_enrol_ignores_a_next_address_that_is_not_a_path_here(client, learner, course, target):
    client.force_login(learner)
    response = client.post(enrol_url(course.pk), {"next": target})
    assert response["Location"] == lessons_of(course)[0].url


def test_another_users_records_are_never_shown(client, learner, course, talcahuano):
    other = UserFactory(municipality=talcahuano)
    services.enrol(other, course)
    services.complete_item(other, lessons_of(course)[0])
    client.force_login(learner)
    dashboard = soup_of(client.get("/mi-aprendizaje/"))
    assert "No tiene cursos en curso" in dashboard.get_text()
    course_page = soup_of(client.get(course.url))
    assert not course_page.select("progress")
    assert course_page.select_one(".panel form button").get_text(strip=True) == "Inscribirme en este curso"
    assert "Completada" not in course_page.select_one("#syllabus").find_next("section").get_text()
    catalogue = soup_of(client.get("/cursos/"))
    assert not catalogue.select("progress")


def test_prerequisites_must_be_completed_before_enrolling(client, learner):
    basics = build_course(modules=1, lessons=1, title="Ciudad inteligente desde abajo")
    advanced = build_course(modules=1, lessons=1, title="Hoja de ruta tecnológica co-creada")
    advanced.prerequisites.set([basics])
    advanced.save_revision().publish()
    client.force_login(learner)

    page = soup_of(client.get(advanced.url))
    assert "Para inscribirse, primero complete:" in page.select_one(".panel").get_text()
    assert page.select_one(".panel li a")["href"] == basics.url
    assert not page.select_one(".panel form")
    response = client.post(enrol_url(advanced.pk))
    assert response.status_code == 403
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "Primero complete los cursos previos"
    assert soup.select_one("main li a")["href"] == basics.url
    assert not Enrolment.objects.filter(course=advanced).exists()

    services.enrol(learner, basics)
    services.complete_item(learner, lessons_of(basics)[0])
    assert client.post(enrol_url(advanced.pk)).status_code == 302
    assert Enrolment.objects.filter(user=learner, course=advanced).exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?tema=no-existe", "Ese tema no existe. Elija uno de la lista."),
        ("?nivel=experto", "Ese nivel no existe. Elija uno de la lista."),
        ("?q=" + "a" * 101, "Escriba una búsqueda más corta (como máximo 100 caracteres)."),
    ],
)
def test_catalogue_filters_with_bad_values_explain_and_show_all_courses(client, course, query, message):
    response = client.get(f"/cursos/{query}")
    assert response.status_code == 200
    soup = soup_of(response)
    assert message in soup.select_one(".error-summary").get_text()
    assert course.title in [a.get_text(strip=True) for a in soup.select(".course-card h2 a")]


def test_pages_do_not_accept_posts(client, learner, enrolled, course):
    client.force_login(learner)
    assert client.post(lessons_of(course)[0].url).status_code == 405
    assert not Completion.objects.exists()


@pytest.mark.parametrize("text", ['"', "a:b", "&|!", "a & (b | !c)", "-", "*", "'", "\\", "%00", "<script>", "ñ" * 100])
def test_odd_searches_and_filters_never_fail(client, course, text):
    response = client.get("/cursos/", {"q": text, "tema": text, "nivel": text})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>")[1]


def test_items_completed_by_their_own_logic_cannot_be_marked_by_hand(client, learner, enrolled, course, monkeypatch):
    """What a quiz will be: an item whose ``manual_completion`` is off is completed by passing it, not by a POST."""
    monkeypatch.setattr(LessonPage, "manual_completion", False)
    client.force_login(learner)
    response = client.post(complete_url(lessons_of(course)[0].pk))
    assert response.status_code == 400
    assert soup_of(response).h1.get_text(strip=True) == "Esta actividad no se marca a mano"
    assert not Completion.objects.exists()
