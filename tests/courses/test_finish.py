"""A finish worth reaching: completing a course leads to a page that congratulates by name, shows the certificate
(or that it is being prepared), how to share it and what to do next; the course page and the quiz result link to
it; a course that grew after completion says so and keeps the certificate."""

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from accounts.roles import OFFICIAL
from certificates import services as certificates
from certificates.models import Certificate
from courses import services
from courses.models import Enrolment
from tests.factories import UserFactory
from tests.toolkits.conftest import make_method, toolkit  # noqa: F401 (fixtures)
from toolkits.blocks import method_card

from .factories import LessonPageFactory, ModulePageFactory, build_course, finish_course, lessons_of


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def finish_url(course):
    return f"/mi-aprendizaje/cursos/{course.pk}/completado/"


def complete_url(lesson):
    return f"/mi-aprendizaje/actividades/{lesson.pk}/completar/"


@pytest.fixture
def finished(client, learner, course, django_capture_on_commit_callbacks):
    """``learner`` completed ``course`` through the site; the certificate was issued and rendered (in-process)."""
    client.force_login(learner)
    services.enrol(learner, course)
    lessons = lessons_of(course)
    for lesson in lessons[:-1]:
        client.post(complete_url(lesson))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(complete_url(lessons[-1]))
    assert response["Location"] == finish_url(course)
    return Enrolment.objects.get(user=learner, course=course)


def test_the_last_lesson_leads_to_congratulations_and_the_certificate(client, finished, course):
    response = client.get(finish_url(course))
    assert response["X-Certificate"] == "ready"
    page = soup_of(response)
    assert page.h1.get_text(strip=True) == "¡Felicitaciones, José!"
    assert f"Completó el curso «{course.title}» el" in page.select_one(".lead").get_text()
    certificate = Certificate.objects.current().get(enrolment=finished)
    section = page.select_one(".finish-certificate")
    assert "Su certificado está listo." in section.get_text()
    assert section.select_one(".certificate-code").get_text(strip=True) == certificate.display_code
    download = section.select_one("a.button")
    assert (download.get_text(strip=True), download["href"]) == ("Descargar certificado (PDF)", certificate.pdf_url)
    public = f"http://testserver/certificados/verificar/{certificate.code}/"
    assert section.select_one(f'a[href="{certificate.verification_url}"]').get_text(strip=True) == public
    assert client.get(download["href"])["Content-Type"] == "application/pdf"


def test_the_certificate_can_be_shared_without_third_party_scripts(client, finished, course):
    page = soup_of(client.get(finish_url(course)))
    code = Certificate.objects.current().get(enrolment=finished).code
    public = f"http://testserver/certificados/verificar/{code}/"
    share = page.select_one(".finish-share")
    assert share.select_one("#verification-link")["value"] == public
    assert share.select_one("#verification-link").has_attr("readonly")
    links = {a.get_text(strip=True): a["href"] for a in share.select("a")}
    assert links["Enviar por correo"].startswith("mailto:?subject=")
    assert public in unquote(links["Enviar por correo"]) and course.title in unquote(links["Enviar por correo"])
    assert links["Compartir por WhatsApp"].startswith("https://wa.me/?text=")
    assert public in unquote(links["Compartir por WhatsApp"])
    assert unquote(links["Compartir en LinkedIn"]).endswith(f"url={public}")
    copy = share.select_one("button[data-copy]")
    assert copy.has_attr("hidden") and copy["data-copy"] == "#verification-link"  # shown by the script only
    scripts = [script["src"] for script in page.select("script[src]")]
    assert all(src.startswith("/static/") for src in scripts) and any("course-finish" in src for src in scripts)


def test_while_the_certificate_is_prepared_the_page_says_so_and_refreshes(client, learner, course):
    finish_course(learner, course)  # the task that issues the certificate has not run yet
    client.force_login(learner)
    response = client.get(finish_url(course))
    assert response["X-Certificate"] == "preparing"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    page = soup_of(response)
    section = page.select_one('.finish-certificate[data-certificate="preparing"]')
    assert "Estamos preparando su certificado" in section.get_text()
    assert section.select_one("a.button")["href"] == finish_url(course)  # reload without JavaScript
    assert page.h1.get_text(strip=True) == "¡Felicitaciones, José!"
    assert client.head(finish_url(course))["X-Certificate"] == "preparing"  # what the script asks

    certificate = certificates.issue(Enrolment.objects.get(user=learner).pk)
    assert client.get(finish_url(course))["X-Certificate"] == "preparing"  # issued, PDF not made yet
    certificates.render(certificate)
    assert client.head(finish_url(course))["X-Certificate"] == "ready"


def test_a_revoked_certificate_is_said_plainly(client, finished, course, ministry):
    certificates.revoke(Certificate.objects.get(enrolment=finished), "Emitido por error", by=ministry)
    response = client.get(finish_url(course))
    assert response["X-Certificate"] == "revoked"
    section = soup_of(response).select_one(".finish-certificate").get_text(" ", strip=True)
    assert "Su certificado fue revocado el" in section and "Motivo: Emitido por error" in section
    assert not soup_of(response).select_one(".finish-share")


def test_what_next_lists_the_methods_taught_and_a_related_course(client, learner, make_method):  # noqa: F811
    method = make_method("Mapa de actores del paradero")
    course = build_course(modules=1, lessons=0, title="Co-diseño en el paradero")
    lesson = LessonPageFactory(
        parent=ModulePageFactory(parent=course),
        body=[("paragraph", "<p>Mire quién decide.</p>"), ("method", method_card(method.slug))],
    )
    lesson.save_revision().publish()
    following = build_course(modules=1, lessons=1, title="Hoja de ruta co-creada")
    finish_course(learner, course)
    client.force_login(learner)
    page = soup_of(client.get(finish_url(course)))
    methods = page.select(".finish-methods a")
    assert [(a.get_text(strip=True), a["href"]) for a in methods] == [(method.title, method.url)]
    suggested = page.select(".finish-next .card__title a")
    assert [(a.get_text(strip=True), a["href"]) for a in suggested] == [(following.title, following.url)]


def test_only_the_learner_who_completed_it_opens_it(client, finished, course, official):
    client.force_login(official)
    assert client.get(finish_url(course)).status_code == 404
    services.enrol(official, course)
    assert client.get(finish_url(course))["Location"] == course.url  # in progress: back to the course
    assert client.get("/mi-aprendizaje/cursos/999999/completado/").status_code == 404
    client.logout()
    assert client.get(finish_url(course))["Location"].startswith("/cuenta/ingresar/?next=")


def test_the_finish_page_query_count_is_fixed(client, finished, course, django_assert_max_num_queries):
    client.get(finish_url(course))
    with django_assert_max_num_queries(16):
        page = soup_of(client.get(finish_url(course)))
    assert page.select_one(".finish-certificate .certificate-code")


def test_the_course_page_links_to_the_certificate(client, finished, course):
    panel = soup_of(client.get(course.url)).select_one(".panel")
    assert "Completó este curso el" in panel.get_text()
    link = panel.select_one("a.button")
    assert (link.get_text(strip=True), link["href"]) == ("Su certificado", finish_url(course))


def test_a_course_that_grew_after_completion_says_so_and_keeps_the_certificate(client, finished, course):
    module = lessons_of(course)[-1].get_parent()
    added = LessonPageFactory(parent=module, title="Nueva ley de datos personales")
    services.recompute_course_progress(course.pk)
    finished.refresh_from_db()
    assert (finished.items_done, finished.items_required) == (4, 5)
    assert finished.completed_at is not None

    panel = soup_of(client.get(course.url)).select_one(".panel")
    text = panel.get_text(" ", strip=True)
    assert "Completado el" in text and "después se agregó una lección nueva." in text
    assert "Completó este curso" not in text
    assert "Su curso sigue completado y su certificado sigue vigente." in text
    assert panel.select_one(f'a[href="{added.url}"]').get_text(strip=True) == added.title
    assert Certificate.objects.current().get(enrolment=finished).is_ready
    assert soup_of(client.get(finish_url(course))).select_one(".certificate-code")

    LessonPageFactory(parent=module, title="Otra lección")
    services.recompute_course_progress(course.pk)
    text = soup_of(client.get(course.url)).select_one(".panel").get_text(" ", strip=True)
    assert "después se agregaron 2 lecciones nuevas." in text


def test_someone_else_named_without_a_first_name_is_congratulated_all_the_same(
    client, course, talcahuano, django_capture_on_commit_callbacks
):
    nameless = UserFactory(municipality=talcahuano, role=OFFICIAL, first_name="")
    finish_course(nameless, course)
    client.force_login(nameless)
    assert soup_of(client.get(finish_url(course))).h1.get_text(strip=True) == "¡Felicitaciones!"


def test_passing_the_final_quiz_leads_to_the_finish_page_and_its_result_links_there(client, learner):
    from quizzes.models import Attempt
    from tests.quizzes.factories import ALL_RIGHT, answers_for, build_quiz

    course = build_course(modules=1, lessons=1, title="Ciudad inteligente desde abajo")
    quiz = build_quiz(lessons_of(course)[0].get_parent())
    services.enrol(learner, course)
    services.complete_item(learner, lessons_of(course)[0])
    client.force_login(learner)
    client.post(f"/cuestionarios/{quiz.pk}/comenzar/")
    attempt = Attempt.objects.get(user=learner)
    response = client.post(f"/cuestionarios/intentos/{attempt.pk}/", answers_for(attempt, ALL_RIGHT))
    assert response["Location"] == finish_url(course)
    finish_page = soup_of(client.get(response["Location"]))
    assert finish_page.h1.get_text(strip=True) == "¡Felicitaciones, José!"
    assert f"Aprobó «{quiz.title}» con 100 %." in finish_page.select_one(".messages").get_text()

    result = soup_of(client.get(f"/cuestionarios/intentos/{attempt.pk}/")).select_one(".quiz-score")
    main, back = result.select(".actions a")
    assert (main.get_text(strip=True), main["href"]) == ("Ver su certificado", finish_url(course))
    assert back["href"] == quiz.url
