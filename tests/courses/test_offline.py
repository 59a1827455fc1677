"""Courses saved for reading offline: the manifest a device saves a course from, and completions marked offline and
replayed later with an idempotency key (``courses.offline``)."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import OFFICIAL
from certificates.models import Certificate
from courses import services
from courses.models import Completion, Enrolment
from tests.factories import UserFactory

from .factories import build_course, lessons_of

JSON = {"HTTP_ACCEPT": "application/json"}


def complete_url(lesson):
    return f"/mi-aprendizaje/actividades/{lesson.pk}/completar/"


def manifest_url(course):
    return f"/mi-aprendizaje/cursos/{course.pk}/sin-conexion/"


def replay(client, learner, lesson, key=None, marked=None, **extra):
    data = {"key": str(key or uuid.uuid4()), "user": str(learner.pk)}
    if marked is not None:
        data["completed_at"] = marked.isoformat()
    return client.post(complete_url(lesson), {**data, **extra}, **JSON)


@pytest.fixture
def signed_in(client, learner, enrolled):
    client.force_login(learner)
    return client


# Replays ------------------------------------------------------------------------------------------------------


def test_a_replay_records_once_and_answers_with_the_progress(signed_in, learner, course):
    lesson = lessons_of(course)[0]
    key = uuid.uuid4()
    first = replay(signed_in, learner, lesson, key)
    again = replay(signed_in, learner, lesson, key)
    assert first.status_code == again.status_code == 200
    assert first.json()["recorded"] is True and again.json()["recorded"] is False
    assert first.json()["course"] == {
        "id": course.pk,
        "done": 1,
        "required": 4,
        "percent": 25,
        "completed": False,
        "finish_url": None,
    }
    assert again.json()["course"]["done"] == 1
    completion = Completion.objects.get(user=learner)
    assert completion.idempotency_key == key and completion.item_id == lesson.pk
    assert Enrolment.objects.get(user=learner, course=course).items_done == 1


def test_a_lesson_completed_online_then_replayed_is_counted_once(signed_in, learner, course):
    lesson = lessons_of(course)[0]
    signed_in.post(complete_url(lesson))
    response = replay(signed_in, learner, lesson)
    assert response.json()["recorded"] is False and response.json()["course"]["done"] == 1
    assert Completion.objects.filter(user=learner).count() == 1


def test_the_time_the_learner_marked_it_is_kept_within_bounds(signed_in, learner, course, enrolled):
    first, second, third = lessons_of(course)[:3]
    marked = timezone.now() - timedelta(minutes=40)
    Enrolment.objects.filter(pk=enrolled.pk).update(enrolled_at=timezone.now() - timedelta(days=2))
    replay(signed_in, learner, first, marked=marked)
    replay(signed_in, learner, second, marked=timezone.now() + timedelta(days=30))  # a phone's clock ahead
    replay(signed_in, learner, third, marked=timezone.now() - timedelta(days=300))  # before enrolling
    times = dict(Completion.objects.values_list("item_id", "completed_at"))
    assert abs(times[first.pk] - marked) < timedelta(seconds=1)
    assert timezone.now() - timedelta(minutes=1) < times[second.pk] <= timezone.now()
    assert times[third.pk] == Enrolment.objects.get(pk=enrolled.pk).enrolled_at


def test_another_persons_completion_is_refused(signed_in, learner, course, talcahuano):
    someone = UserFactory(municipality=talcahuano, role=OFFICIAL)
    response = replay(signed_in, someone, lessons_of(course)[0])
    assert response.status_code == 403 and response.json()["error"]
    assert not Completion.objects.exists()


def test_a_key_given_to_another_lesson_is_refused(signed_in, learner, course):
    first, second = lessons_of(course)[:2]
    key = uuid.uuid4()
    replay(signed_in, learner, first, key)
    response = replay(signed_in, learner, second, key)
    assert response.status_code == 409
    assert list(Completion.objects.values_list("item_id", flat=True)) == [first.pk]


def test_a_malformed_key_is_refused_with_a_page_in_spanish(signed_in, learner, course):
    response = signed_in.post(complete_url(lessons_of(course)[0]), {"key": "no-es-una-clave"})
    assert response.status_code == 400
    assert "No se registró" in response.content.decode()
    assert not Completion.objects.exists()


def test_a_replay_without_json_leads_on_like_a_click(signed_in, learner, course):
    first, second = lessons_of(course)[:2]
    response = signed_in.post(complete_url(first), {"key": str(uuid.uuid4()), "user": str(learner.pk)})
    assert response.status_code == 302 and response["Location"] == second.url


def test_not_enrolled_is_refused_as_json(client, learner, course):
    client.force_login(learner)
    response = replay(client, learner, lessons_of(course)[0])
    assert response.status_code == 403 and response.json()["error"]


def test_a_course_completed_offline_issues_its_certificate_on_replay(
    signed_in, learner, course, django_capture_on_commit_callbacks
):
    lessons = lessons_of(course)
    for lesson in lessons[:-1]:
        replay(signed_in, learner, lesson)
    with django_capture_on_commit_callbacks(execute=True):
        response = replay(signed_in, learner, lessons[-1])
    assert response.json()["course"]["completed"] is True
    assert response.json()["course"]["finish_url"] == f"/mi-aprendizaje/cursos/{course.pk}/completado/"
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.is_complete and enrolment.progress_percent == 100
    assert Certificate.objects.current().filter(enrolment=enrolment).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        again = replay(signed_in, learner, lessons[-1], key=Completion.objects.get(item=lessons[-1]).idempotency_key)
    assert again.json()["recorded"] is False and again.json()["course"]["completed"] is True
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_a_replay_costs_a_fixed_number_of_queries(signed_in, learner, course, django_assert_max_num_queries):
    lessons = lessons_of(course)
    replay(signed_in, learner, lessons[0])  # warms the kept outline
    with django_assert_max_num_queries(20):
        replay(signed_in, learner, lessons[1])
    key = Completion.objects.get(item=lessons[1]).idempotency_key
    with django_assert_max_num_queries(10):
        replay(signed_in, learner, lessons[1], key=key)


# The manifest -------------------------------------------------------------------------------------------------


def test_the_manifest_lists_what_to_save(signed_in, learner, course):
    lessons = lessons_of(course)
    services.complete_item(learner, lessons[0])
    manifest = signed_in.get(manifest_url(course)).json()
    assert manifest["course"] == {"id": course.pk, "title": course.title, "url": course.url}
    assert manifest["learner"] == learner.pk
    saved = [page for page in manifest["pages"] if page["kind"] == "lesson"]
    assert [page["url"] for page in saved] == [lesson.url for lesson in lessons]
    assert [page["done"] for page in saved] == [True, False, False, False]
    assert all(page["offline"] and page["bytes"] > 0 for page in saved)
    assert {asset["url"] for asset in manifest["assets"]} >= {"/static/css/cocrea.css", "/static/img/icons.svg"}
    assert manifest["bytes"] >= sum(page["bytes"] for page in manifest["pages"])
    assert len(manifest["version"]) == 16


def test_the_version_changes_when_a_lesson_is_republished(signed_in, course):
    before = signed_in.get(manifest_url(course)).json()["version"]
    assert signed_in.get(manifest_url(course)).json()["version"] == before
    lesson = lessons_of(course)[1]
    lesson.title = "Una lección revisada"
    lesson.save_revision().publish()
    after = signed_in.get(manifest_url(course)).json()
    assert after["version"] != before
    assert "Una lección revisada" in [page["title"] for page in after["pages"]]


def test_quizzes_and_locked_modules_stay_online(signed_in, learner, talcahuano):
    from tests.quizzes.factories import build_quiz

    course = build_course(modules=2, lessons=1, modules_in_order=True)
    services.enrol(learner, course)
    first_module = course.get_children().first()
    build_quiz(first_module)
    pages = {page["title"]: page for page in signed_in.get(manifest_url(course)).json()["pages"]}
    kinds = [page["kind"] for page in pages.values()]
    assert kinds.count("quiz") == 1 and kinds.count("lesson") == 2
    quiz = next(page for page in pages.values() if page["kind"] == "quiz")
    assert quiz["offline"] is False
    lessons = [page for page in pages.values() if page["kind"] == "lesson"]
    assert [page["offline"] for page in lessons] == [True, False]  # the second module opens after the first


def test_the_manifest_is_for_the_enrolled_only(client, learner, course):
    client.force_login(learner)
    response = client.get(manifest_url(course))
    assert response.status_code == 403 and response.json()["error"] == "Inscríbase en el curso para guardarlo."
    client.logout()
    assert client.get(manifest_url(course)).status_code == 302


def test_the_manifest_costs_a_fixed_number_of_queries(signed_in, course, django_assert_max_num_queries):
    signed_in.get(manifest_url(course))
    with django_assert_max_num_queries(8):
        signed_in.get(manifest_url(course))


def test_a_manifest_made_afresh_costs_the_same_queries_for_a_longer_course(client, learner):
    """After a publication nothing is kept: the course's pages are read in a fixed number of queries, whatever
    their number (none is read again page by page for a field the manifest needs)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.published import PUBLISHED

    client.force_login(learner)
    courses = [build_course(modules=1, lessons=1), build_course(modules=3, lessons=3)]
    for course in courses:
        services.enrol(learner, course)
        client.get(manifest_url(course))  # what a process keeps whatever is published (content types, permissions)
    counts = []
    for course in courses:
        PUBLISHED.bump()  # as a publication does: what was kept is loaded again
        with CaptureQueriesContext(connection) as queries:
            assert client.get(manifest_url(course)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# The installable web app ------------------------------------------------------------------------------------------


def test_the_service_worker_is_served_from_the_root_with_its_settings(client):
    from pathlib import Path

    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    first_line = script.splitlines()[0]
    assert first_line.startswith("var CONFIG = {") and '"/mi-aprendizaje/sin-conexion/"' in first_line
    assert '"/static/css/cocrea.css"' in first_line and '"/cuenta/salir/"' in first_line
    source = Path(__file__).resolve().parents[2] / "static" / "js" / "sw.js"
    assert script.endswith(source.read_text())
    assert source.stat().st_size < 10 * 1024, "the service worker stays under 10 KB"


def test_the_web_manifest_names_the_app_in_spanish(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["lang"] == "es-CL" and manifest["short_name"] == "Cocrea"
    assert manifest["start_url"] == "/mi-aprendizaje/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0b5d5b"
    assert {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("192x192", "maskable"),
        ("512x512", "maskable"),
    }
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_the_offline_page_is_in_spanish_and_names_no_one(client, learner):
    from bs4 import BeautifulSoup

    client.force_login(learner)
    page = BeautifulSoup(client.get("/mi-aprendizaje/sin-conexion/").content, "html.parser")
    assert page.h1.get_text(strip=True) == "Sin conexión"
    assert "no está guardada en este dispositivo" in page.get_text()
    assert "data-learner" not in page.body.attrs
    assert not page.select("form[action='/cuenta/salir/']"), "the copy kept for everyone has no one's session in it"


def test_pages_load_the_offline_script_deferred_and_link_the_manifest(client, learner, enrolled, course):
    from bs4 import BeautifulSoup

    client.force_login(learner)
    page = BeautifulSoup(client.get(course.url).content, "html.parser")
    assert page.select_one("link[rel=manifest]")["href"] == "/manifest.webmanifest"
    scripts = {script["src"]: script for script in page.select("script[src]")}
    assert scripts["/static/js/offline.js"].has_attr("defer")
    assert scripts["/static/js/offline-save.js"].has_attr("defer")
    assert page.body["data-learner"] == str(learner.pk)
    save = page.select_one("[data-offline-save]")
    assert save.has_attr("hidden"), "without JavaScript nothing offers what only works with it"
    assert save["data-manifest"] == f"/mi-aprendizaje/cursos/{course.pk}/sin-conexion/"
    assert "Guardar para leer sin conexión" in save.get_text()
    assert "Los cuestionarios se responden solo con conexión" in save.get_text()
    assert page.select_one("[data-offline-banner]").has_attr("hidden")


def test_a_lesson_says_when_its_completion_waits_to_be_sent(client, learner, enrolled, course):
    from bs4 import BeautifulSoup

    client.force_login(learner)
    page = BeautifulSoup(client.get(lessons_of(course)[0].url).content, "html.parser")
    pending = page.select_one(".completion [data-offline-pending]")
    assert pending.has_attr("hidden") and "pendiente de enviar" in pending.get_text()
