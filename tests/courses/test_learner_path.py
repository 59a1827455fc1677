"""The whole learner path: enrol → complete lessons → resume → course complete, exactly once."""

import pytest
from bs4 import BeautifulSoup

from courses.models import Completion, Enrolment
from courses.outline import CourseOutline

from .factories import build_course, lessons_of


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def complete_url(lesson):
    return f"/mi-aprendizaje/actividades/{lesson.pk}/completar/"


def progress_text(soup):
    return soup.select_one(".progress__label").get_text(" ", strip=True)


def test_enrol_complete_resume_and_finish(
    client, learner, course, completed_signals, django_capture_on_commit_callbacks
):
    lessons = lessons_of(course)
    client.force_login(learner)

    course_page = soup_of(client.get(course.url))
    form = course_page.select_one(".panel form")
    assert form["method"] == "post"
    assert form.button.get_text(strip=True) == "Inscribirme en este curso"

    response = client.post(form["action"])
    assert response.status_code == 302
    assert response["Location"] == lessons[0].url  # straight to the first lesson
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert (enrolment.items_required, enrolment.items_done, enrolment.progress_percent) == (4, 0, 0)
    assert enrolment.started_at is None

    lesson = soup_of(client.get(lessons[0].url))
    assert lesson.h1.get_text(strip=True) == lessons[0].title
    assert "Converse con quienes esperan la micro" in lesson.select_one(".prose").get_text()
    button = lesson.select_one(".completion form button")
    assert button.get_text(strip=True) == "Marcar como completada"
    enrolment.refresh_from_db()
    assert enrolment.started_at is not None  # opening a lesson starts the course

    response = client.post(complete_url(lessons[0]))
    assert response["Location"] == lessons[1].url  # on to the next lesson
    enrolment.refresh_from_db()
    assert (enrolment.items_done, enrolment.progress_percent) == (1, 25)

    # Resume: "Continuar" on the course page and on the dashboard goes to the first lesson not done.
    client.post(complete_url(lessons[2]))
    course_page = soup_of(client.get(course.url))
    assert course_page.select_one(".panel a.button").get_text(strip=True) == "Continuar"
    assert course_page.select_one(".panel a.button")["href"] == lessons[1].url
    assert "2 de 4 actividades completadas (50 %)" in progress_text(course_page)
    assert course_page.select_one(".panel progress")["value"] == "50"
    dashboard = soup_of(client.get("/mi-aprendizaje/"))
    resume = dashboard.select_one("#in-progress ~ ul a.button")
    assert client.get(resume["href"])["Location"] == lessons[1].url

    client.post(complete_url(lessons[1]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(complete_url(lessons[3]))
    assert response["Location"] == f"/mi-aprendizaje/cursos/{course.pk}/completado/"  # the finish page
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert (enrolment.items_done, enrolment.progress_percent) == (4, 100)
    assert completed_signals == [enrolment]
    course_page = soup_of(client.get(course.url))
    assert "Completó este curso el" in course_page.select_one(".panel").get_text()
    assert course_page.select_one(".panel a.button")["href"] == response["Location"]

    # Replaying a completion after the course is complete changes nothing and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(complete_url(lessons[3]))
    assert len(completed_signals) == 1
    assert Completion.objects.filter(user=learner).count() == 4


def test_double_click_and_replay_make_one_record(client, learner, enrolled, course):
    lesson = lessons_of(course)[0]
    client.force_login(learner)
    first = client.post(complete_url(lesson))
    second = client.post(complete_url(lesson))
    assert first["Location"] == second["Location"]
    assert Completion.objects.filter(user=learner, item=lesson).count() == 1
    enrolment = Enrolment.objects.get(pk=enrolled.pk)
    assert enrolment.items_done == 1
    follow = soup_of(client.get(second["Location"]))
    assert "Ya había completado" in follow.select_one(".messages").get_text()


def test_enrolling_twice_keeps_one_enrolment(client, learner, course):
    client.force_login(learner)
    client.post(f"/mi-aprendizaje/cursos/{course.pk}/inscripcion/")
    response = client.post(f"/mi-aprendizaje/cursos/{course.pk}/inscripcion/", follow=True)
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1
    assert "Ya estaba inscrito" in soup_of(response).select_one(".messages").get_text()


def test_lesson_shows_outline_with_ticks_and_previous_next(client, learner, enrolled, course):
    lessons = lessons_of(course)
    client.force_login(learner)
    client.post(complete_url(lessons[0]))
    soup = soup_of(client.get(lessons[1].url))
    items = soup.select(".item-outline .outline__item")
    assert [item.select_one(".outline__mark use")["href"].rpartition("#")[2] for item in items] == ["check", "circle"]
    assert "Completada." in items[0].get_text()
    assert items[1]["aria-current"] == "page"
    pager = soup.select_one("nav.pager")
    assert pager.select_one("a[rel=prev]")["href"] == lessons[0].url
    assert pager.select_one("a[rel=next]")["href"] == lessons[2].url  # across the module boundary
    first = soup_of(client.get(lessons[0].url))
    assert not first.select_one("nav.pager a[rel=prev]")
    assert "Completada el" in first.select_one(".completion").get_text()
    assert not first.select_one(".completion form")
    last = soup_of(client.get(lessons[3].url))
    assert not last.select_one("nav.pager a[rel=next]")


def test_optional_lessons_do_not_count(client, learner, course):
    lessons = lessons_of(course)
    lessons[3].optional = True
    lessons[3].save_revision().publish()
    client.force_login(learner)
    client.post(f"/mi-aprendizaje/cursos/{course.pk}/inscripcion/")
    for lesson in lessons[:3]:
        client.post(complete_url(lesson))
    enrolment = Enrolment.objects.get(user=learner)
    assert (enrolment.items_required, enrolment.items_done) == (3, 3)
    assert enrolment.completed_at is not None
    soup = soup_of(client.get(course.url))
    assert "opcional" in soup.select(".module")[1].select(".outline__item")[1].get_text()


def test_sequenced_course_locks_modules_and_says_why(client, learner):
    course = build_course(modules=2, lessons=2, modules_in_order=True)
    lessons = lessons_of(course)
    client.force_login(learner)
    client.post(f"/mi-aprendizaje/cursos/{course.pk}/inscripcion/")

    response = client.get(lessons[2].url)
    assert response.status_code == 403
    soup = soup_of(response)
    message = soup.select_one(".status--locked").get_text(" ", strip=True)
    first_module = lessons[0].get_parent().title
    assert f"se abre cuando complete el módulo «{first_module}»" in message
    assert soup.select_one(".prose a.button")["href"] == lessons[0].url  # what must be done first
    assert "Converse con quienes esperan" not in soup.get_text()  # the content stays closed

    response = client.post(complete_url(lessons[2]))
    assert response.status_code == 403
    assert not Completion.objects.filter(item=lessons[2]).exists()

    course_soup = soup_of(client.get(course.url))
    locked = course_soup.select(".module")[1]
    assert "Se abre cuando complete el módulo" in locked.select_one(".status--locked").get_text()
    assert [mark.use["href"].rpartition("#")[2] for mark in locked.select(".outline__mark")] == ["lock", "lock"]

    client.post(complete_url(lessons[0]))
    response = client.post(complete_url(lessons[1]))
    assert response["Location"] == lessons[2].url  # completing the module opened the next one
    assert client.get(lessons[2].url).status_code == 200


def test_completing_the_last_lesson_of_a_module_goes_to_what_is_missing(client, learner):
    course = build_course(modules=2, lessons=2, modules_in_order=True)
    lessons = lessons_of(course)
    client.force_login(learner)
    client.post(f"/mi-aprendizaje/cursos/{course.pk}/inscripcion/")
    response = client.post(complete_url(lessons[1]))  # the next lesson is locked: lesson 1 is still missing
    assert response["Location"] == lessons[0].url


def test_dashboard_lists_progress_completions_and_suggestions(
    client, learner, course, django_capture_on_commit_callbacks
):
    finished = build_course(modules=1, lessons=1, title="Encuestas por SMS")
    suggestion = build_course(modules=1, lessons=1, title="Datos abiertos de transporte")
    client.force_login(learner)
    client.post(f"/mi-aprendizaje/cursos/{course.pk}/inscripcion/")
    client.post(complete_url(lessons_of(course)[0]))
    client.post(f"/mi-aprendizaje/cursos/{finished.pk}/inscripcion/")
    client.post(complete_url(lessons_of(finished)[0]))

    soup = soup_of(client.get("/mi-aprendizaje/"))
    assert soup.h1.get_text(strip=True) == "Mi aprendizaje"
    in_progress = soup.select_one("#in-progress").find_next("ul")
    assert [a.get_text(strip=True) for a in in_progress.select(".card__title a")] == [course.title]
    assert in_progress.select_one("progress")["value"] == "25"
    assert "1 de 4 actividades completadas (25 %)" in in_progress.get_text(" ", strip=True)
    completed = soup.select_one(".completed-list").get_text(" ", strip=True)
    assert "Encuestas por SMS" in completed and "completado el" in completed
    suggested = [a.get_text(strip=True) for a in soup.select("#suggestions ~ ul .card__title a")]
    assert suggested == [suggestion.title]


def test_dashboard_follows_publication_of_the_learners_courses(client, learner, course):
    """The dashboard's courses come from the published catalogue kept between publications: a course renamed shows
    its new title, an unpublished one leaves "En curso" and, completed, shows its title without a link."""
    finished = build_course(modules=1, lessons=1, title="Encuestas por SMS")
    client.force_login(learner)
    client.post(f"/mi-aprendizaje/cursos/{course.pk}/inscripcion/")
    client.post(f"/mi-aprendizaje/cursos/{finished.pk}/inscripcion/")
    client.post(complete_url(lessons_of(finished)[0]))
    soup_of(client.get("/mi-aprendizaje/"))  # kept from here on

    course.title = "Movilidad y co-creación"
    course.save_revision().publish()
    soup = soup_of(client.get("/mi-aprendizaje/"))
    assert [a.get_text(strip=True) for a in soup.select("#in-progress ~ ul .card__title a")] == [course.title]
    assert soup.select_one(".completed-list a").get_text(strip=True) == "Encuestas por SMS"

    course.unpublish()
    finished.unpublish()
    soup = soup_of(client.get("/mi-aprendizaje/"))
    assert not soup.select("#in-progress ~ ul .card")
    assert not soup.select(".completed-list li > a")
    assert "Encuestas por SMS" in soup.select_one(".completed-list").get_text(" ", strip=True)


def test_catalogue_card_shows_the_viewers_progress(client, learner, enrolled, course):
    client.force_login(learner)
    client.post(complete_url(lessons_of(course)[0]))
    soup = soup_of(client.get("/cursos/"))
    card = next(card for card in soup.select(".course-card") if course.title in card.get_text())
    assert card.select_one("progress")["value"] == "25"
    assert card.select_one("progress")["aria-labelledby"] == card.select_one(".progress__label")["id"]


@pytest.mark.parametrize("modules_in_order", [False, True])
def test_outline_resume_item_skips_what_is_done(learner, modules_in_order):
    from courses import services

    course = build_course(modules=2, lessons=2, modules_in_order=modules_in_order)
    lessons = lessons_of(course)
    services.enrol(learner, course)
    services.complete_item(learner, lessons[0])
    services.complete_item(learner, lessons[1])
    outline = CourseOutline.load(course, learner)
    assert outline.resume_item().page.pk == lessons[2].pk
    assert [module.locked for module in outline.modules] == [False, False]


def test_an_outline_told_of_a_completion_matches_one_loaded_afresh(learner):
    from courses import services

    course = build_course(modules=3, lessons=1, modules_in_order=True)
    lessons = lessons_of(course)
    services.enrol(learner, course)
    outline = CourseOutline.load(course, learner)
    result = services.complete_item(learner, lessons[0])
    outline.record_completion(lessons[0], result.completion.completed_at)
    fresh = CourseOutline.load(course, learner)
    assert [module.locked for module in outline.modules] == [module.locked for module in fresh.modules]
    assert [module.locked for module in fresh.modules] == [False, False, True]
    assert (outline.done_count, outline.percent) == (fresh.done_count, fresh.percent) == (1, 33)
    assert outline.resume_item().page.pk == fresh.resume_item().page.pk == lessons[1].pk
