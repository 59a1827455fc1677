"""Announcements with a frozen clock: who may post where (a coordinator never to another comuna's cohort), who sees
them on "Mi aprendizaje", and their emails: once per person, only to those who opted in, never to bounced
addresses, with one-click unsubscribe."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from accounts.roles import COORDINATOR, OFFICIAL, TRAINER
from cohorts import announcements, reminders
from cohorts.models import Announcement, AnnouncementEmail, Channel, Preferences
from tests.courses.factories import build_course
from tests.factories import UserFactory

from .factories import MORNING, CohortFactory, in_course

UTC = datetime.UTC


@pytest.fixture
def course(clock, site, trainer):
    return build_course(modules=1, lessons=2, title="Encuestas móviles y SMS", trainers=[trainer])


@pytest.fixture
def shared_cohort(clock, course, talcahuano, coronel):
    """A cohort the ministry opened to Talcahuano and Coronel."""
    return CohortFactory(
        course=course,
        municipalities=[talcahuano, coronel],
        title="Encuestas 2027",
        opens_on=datetime.date(2027, 4, 1),
        closes_on=datetime.date(2027, 6, 30),
    )


def official_in(municipality, course, email, opted_in=True, **preferences):
    person = UserFactory(municipality=municipality, role=OFFICIAL, email=email, first_name="Ana")
    in_course(person, course, done=1, enrolled_days_ago=10, active_days_ago=2)
    if opted_in or preferences:
        Preferences.objects.create(user=person, announcements_by_email=opted_in, **preferences)
    return person


@pytest.fixture
def people(shared_cohort, course, talcahuano, coronel):
    return {
        "ana": official_in(talcahuano, course, "ana@talcahuano.test"),
        "bruno": official_in(talcahuano, course, "bruno@talcahuano.test", opted_in=False),
        "carla": official_in(coronel, course, "carla@coronel.test"),
        "dario": official_in(talcahuano, course, "dario@talcahuano.test", email_bounced_at=MORNING),
    }


def post(client, user, url, title="Taller presencial", body="Nos vemos el jueves a las 10:00.\nTraigan su teléfono."):
    client.force_login(user)
    return client.post(url, {"title": title, "body": body})


def dashboard_titles(client, user):
    client.force_login(user)
    page = BeautifulSoup(client.get("/mi-aprendizaje/").content, "html.parser")
    return [h.get_text(strip=True) for h in page.select(".announcement__title")]


def test_a_coordinators_announcement_reaches_their_comunas_people_once(
    client, people, shared_cohort, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, coordinator, f"/convocatorias/{shared_cohort.pk}/anuncios/nuevo/")
    assert response.status_code == 302 and response["Location"] == f"/convocatorias/{shared_cohort.pk}/"
    announcement = Announcement.objects.get()
    assert (announcement.cohort, announcement.course, announcement.municipality) == (
        shared_cohort,
        shared_cohort.course,
        coordinator.municipality,
    )
    # Ana opted in; Bruno did not; Carla is of Coronel; Dario's address bounced.
    assert [m.to for m in mail.outbox] == [["ana@talcahuano.test"]]
    message = mail.outbox[0]
    assert "Taller presencial" in message.subject and "Encuestas móviles y SMS" in message.subject
    assert "Traigan su teléfono." in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert reminders.user_id_of(link.rstrip("/").rsplit("/", 1)[1]) == people["ana"].pk
    # The task again, or the hourly sweep: nothing twice.
    assert announcements.email(announcement.pk) == 0
    Announcement.objects.update(emailed_at=None)
    assert announcements.email_unsent() == 0
    assert len(mail.outbox) == 1
    assert AnnouncementEmail.objects.get().user == people["ana"]
    # On Mi aprendizaje: Talcahuano's people see it, Coronel's do not.
    assert dashboard_titles(client, people["bruno"]) == ["Taller presencial"]
    assert dashboard_titles(client, people["carla"]) == []
    # And on the cohort's page, for those who run it.
    page = BeautifulSoup(client.get(f"/convocatorias/{shared_cohort.pk}/").content, "html.parser")
    assert "Taller presencial" not in page.get_text()  # Carla is signed in, and gets no cohort page
    client.force_login(coordinator)
    page = BeautifulSoup(client.get(f"/convocatorias/{shared_cohort.pk}/").content, "html.parser")
    assert [h.get_text(strip=True) for h in page.select(".announcement__title")] == ["Taller presencial"]


def test_a_ministry_announcement_reaches_the_whole_cohort(
    client, people, shared_cohort, ministry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, ministry, f"/convocatorias/{shared_cohort.pk}/anuncios/nuevo/")
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@talcahuano.test", "carla@coronel.test"]
    assert dashboard_titles(client, people["carla"]) == ["Taller presencial"]


def test_a_trainers_announcement_reaches_the_course_and_nobody_else(
    client, people, course, trainer, talcahuano, django_capture_on_commit_callbacks
):
    outsider = official_in(talcahuano, build_course(modules=1, lessons=1), "otro@talcahuano.test")
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, trainer, f"/anuncios/cursos/{course.pk}/nuevo/", title="Nueva lección")
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@talcahuano.test", "carla@coronel.test"]
    assert dashboard_titles(client, people["carla"]) == ["Nueva lección"]
    assert dashboard_titles(client, outsider) == []
    client.force_login(trainer)
    assert "Nueva lección" in client.get("/anuncios/").content.decode()


def test_only_the_newest_few_and_recent_show(clock, client, people, course, trainer):
    for number in range(announcements.SHOWN + 1):
        Announcement.objects.create(course=course, title=f"Anuncio {number}", body="Texto", author=trainer)
        clock.shift(datetime.timedelta(minutes=1))
    assert dashboard_titles(client, people["ana"]) == ["Anuncio 3", "Anuncio 2", "Anuncio 1"]
    clock.shift(announcements.SHOWN_FOR)
    assert dashboard_titles(client, people["ana"]) == []


def test_a_bounce_or_unsubscribe_after_posting_cancels_the_email(people, course, trainer):
    announcement = Announcement.objects.create(course=course, title="Aviso", body="Texto", author=trainer)
    announcements.record_emails(announcement, MORNING)
    Preferences.objects.filter(user=people["ana"]).update(email_bounced_at=MORNING)
    Preferences.objects.filter(user=people["carla"]).update(announcements_by_email=False, channel=Channel.NONE)
    assert announcements.email(announcement.pk) == 0 and mail.outbox == []
    assert set(AnnouncementEmail.objects.values_list("status", flat=True)) == {"cancelled"}


def test_who_may_post_where(client, people, shared_cohort, course, coronel, talcahuano):
    own = CohortFactory(
        course=course,
        municipalities=[coronel],
        opens_on=datetime.date(2027, 7, 1),
        closes_on=datetime.date(2027, 8, 1),
    )
    coordinator_talcahuano = UserFactory(municipality=talcahuano, role=COORDINATOR)
    other_trainer = UserFactory(role=TRAINER)
    build_course(modules=1, lessons=1, trainers=[other_trainer])
    # A coordinator never posts to another comuna's cohort: it does not exist for them.
    assert post(client, coordinator_talcahuano, f"/convocatorias/{own.pk}/anuncios/nuevo/").status_code == 404
    # Nor to a course as a whole; officials post nowhere; a trainer only to their own courses.
    assert post(client, coordinator_talcahuano, f"/anuncios/cursos/{course.pk}/nuevo/").status_code == 404
    assert post(client, people["ana"], f"/convocatorias/{shared_cohort.pk}/anuncios/nuevo/").status_code == 403
    assert post(client, people["ana"], f"/anuncios/cursos/{course.pk}/nuevo/").status_code == 403
    assert post(client, other_trainer, f"/anuncios/cursos/{course.pk}/nuevo/").status_code == 404
    assert post(client, other_trainer, f"/convocatorias/{shared_cohort.pk}/anuncios/nuevo/").status_code == 403
    assert not Announcement.objects.exists()


@pytest.mark.parametrize(
    ("title", "body", "error"),
    [
        ("", "Texto", "Título: Este campo es necesario."),
        ("   ", "Texto", "Título: Este campo es necesario."),
        ("Aviso", " \n\t\n ", "Mensaje: Este campo es necesario."),
        ("\u200b\u200e", "Texto", "Escriba un título."),
        ("Aviso", "\x07\n\u202e", "Escriba el mensaje."),
        ("x" * 121, "Texto", "como máximo 120 caracteres"),
        ("Aviso", "x" * 1001, "como máximo 1000 caracteres"),
        ("Aviso\x00", "Texto", "nulos"),
    ],
)
def test_bad_input_is_a_form_error_in_spanish(client, course, trainer, title, body, error):
    response = post(client, trainer, f"/anuncios/cursos/{course.pk}/nuevo/", title=title, body=body)
    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert error in errors
    assert not Announcement.objects.exists()


def test_markup_is_shown_as_text(client, people, course, trainer):
    post(client, trainer, f"/anuncios/cursos/{course.pk}/nuevo/", title="<b>Hola</b>", body="<script>alert(1)</script>")
    client.force_login(people["ana"])
    html = client.get("/mi-aprendizaje/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Hola&lt;/b&gt;" in html
