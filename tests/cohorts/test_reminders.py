"""Reminders with a frozen clock: once per key, once a day, never after completion or unsubscribing, quiet hours
in the person's time zone, text messages, and a coordinator's one-click reminders under the same rules."""

import datetime
import uuid

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.roles import OFFICIAL
from cohorts import reminders, sms
from cohorts.models import Channel, Kind, Preferences, Reminder, TimeZone
from courses import services
from tests.courses.factories import build_course, lessons_of
from tests.factories import UserFactory

from .factories import MORNING, CohortFactory, in_course

UTC = datetime.UTC


@pytest.fixture
def course(site):
    return build_course(modules=1, lessons=3, title="Hoja de ruta tecnológica co-creada")


@pytest.fixture
def cohort(clock, course, talcahuano):
    return CohortFactory(
        course=course,
        municipalities=[talcahuano],
        title="Hoja de ruta 2027",
        opens_on=datetime.date(2027, 4, 1),
        closes_on=datetime.date(2027, 6, 30),
    )


@pytest.fixture
def stalled(clock, cohort, talcahuano):
    """Someone who started and has not been back for three weeks."""
    learner = UserFactory(municipality=talcahuano, role=OFFICIAL, first_name="Berta", email="berta@talcahuano.test")
    in_course(learner, cohort.course, done=1, enrolled_days_ago=30, active_days_ago=21)
    return learner


@pytest.fixture(autouse=True)
def in_memory_sms(settings):
    settings.SMS_BACKEND = "cohorts.sms.InMemoryBackend"
    sms.InMemoryBackend.outbox = []


def test_running_the_evaluator_twice_sends_once(stalled):
    first = reminders.evaluate()
    second = reminders.evaluate()
    assert (first.recorded, first.sent, second.recorded, second.sent) == (1, 1, 0, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["berta@talcahuano.test"]
    assert "Hoja de ruta tecnológica co-creada" in message.subject
    assert "dos semanas" in message.body and "/mi-aprendizaje/cursos/" in message.body
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.status, reminder.day) == (Kind.STALLED, "sent", datetime.date(2027, 5, 19))
    # RFC 8058 one-click unsubscribe, through a signed link to this person.
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert reminders.user_id_of(link.rstrip("/").rsplit("/", 1)[1]) == stalled.pk


def test_the_same_stall_is_not_reminded_again_but_a_new_one_is(clock, stalled, cohort):
    reminders.evaluate()
    clock.shift(datetime.timedelta(days=3))
    assert reminders.evaluate().recorded == 0
    # They come back, then stall again: a new period.
    services.complete_item(stalled, lessons_of(cohort.course)[1])
    clock.shift(datetime.timedelta(days=15))
    assert reminders.evaluate().sent == 1
    assert Reminder.objects.filter(kind=Kind.STALLED).count() == 2


def test_two_schedulers_recording_at_once_keep_one_reminder(stalled, cohort, talcahuano):
    """A second run that decided before the first recorded: the unique key drops its row."""
    today = datetime.date(2027, 5, 19)
    moments = reminders.local_days(MORNING)
    enrolments, kinds = reminders.due_enrolments(cohort, [talcahuano.pk], MORNING, today, moments)
    decided = reminders.choose(list(enrolments), kinds)
    reminders.evaluate(send=False)
    reminders.record(cohort, decided, MORNING, uuid.uuid4())
    assert len(decided) == 1 and Reminder.objects.count() == 1


def test_completion_stops_reminders(stalled, cohort, talcahuano):
    for lesson in lessons_of(cohort.course):
        services.complete_item(stalled, lesson)
    assert reminders.evaluate().recorded == 0
    assert mail.outbox == []


def test_a_reminder_recorded_before_completion_is_cancelled(stalled, cohort, coordinator):
    enrolment = stalled.enrolments.get()
    reminders.remind_by_coordinator(coordinator, cohort, [enrolment])
    # Completed before it left.
    Reminder.objects.update(send_after=MORNING + datetime.timedelta(hours=1))
    for lesson in lessons_of(cohort.course):
        services.complete_item(stalled, lesson)
    sent = reminders.send_due(MORNING + datetime.timedelta(hours=2))
    assert (sent.sent, sent.cancelled) == (0, 1) and mail.outbox == []


def test_one_click_unsubscribe_suppresses_reminders(stalled):
    token = reminders.unsubscribe_token(stalled)
    # The mail client's POST: no session, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(f"/recordatorios/baja/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Preferences.objects.get(user=stalled).channel == Channel.NONE
    assert reminders.evaluate().recorded == 0 and mail.outbox == []


def test_a_forged_unsubscribe_link_is_refused(stalled, client):
    assert client.post("/recordatorios/baja/123/").status_code == 404
    token = reminders.unsubscribe_token(stalled)
    assert client.post(f"/recordatorios/baja/{token[:-2]}xx/").status_code == 404
    assert client.get(f"/recordatorios/baja/{token}/").status_code == 200  # a page with the button, nothing done
    assert not Preferences.objects.filter(user=stalled).exists()


def test_bounced_addresses_get_no_email(stalled):
    Preferences.objects.create(user=stalled, email_bounced_at=MORNING)
    assert reminders.evaluate().recorded == 0


def test_quiet_hours_defer_to_the_morning(clock, stalled, talcahuano, cohort):
    islander = UserFactory(municipality=talcahuano, role=OFFICIAL, email="isla@talcahuano.test")
    in_course(islander, cohort.course, done=1, enrolled_days_ago=30, active_days_ago=21)
    Preferences.objects.create(user=islander, time_zone=TimeZone.EASTER_ISLAND)
    clock.move_to(datetime.datetime(2027, 5, 19, 5, 0, tzinfo=UTC))  # 1:00 in Santiago, 23:00 on Easter Island
    assert reminders.evaluate().recorded == 0
    clock.move_to(datetime.datetime(2027, 5, 19, 13, 5, tzinfo=UTC))  # 9:05 in Santiago, 7:05 on Easter Island
    assert reminders.evaluate().sent == 1
    assert [m.to for m in mail.outbox] == [["berta@talcahuano.test"]]
    clock.move_to(datetime.datetime(2027, 5, 19, 15, 5, tzinfo=UTC))  # 9:05 on Easter Island
    assert reminders.evaluate().sent == 1
    assert mail.outbox[-1].to == ["isla@talcahuano.test"]


def test_at_most_one_reminder_a_day(clock, stalled, cohort):
    cohort.closes_on = datetime.date(2027, 5, 24)  # closing within a week, and stalled: two reasons
    cohort.save()
    assert reminders.evaluate().sent == 1
    assert Reminder.objects.get().kind == Kind.CLOSING
    clock.shift(datetime.timedelta(hours=3))
    assert reminders.evaluate().sent == 0
    clock.shift(datetime.timedelta(days=1))
    assert reminders.evaluate().sent == 1
    assert set(Reminder.objects.values_list("kind", flat=True)) == {Kind.CLOSING, Kind.STALLED}


def test_not_started_a_week_after_enrolling(clock, cohort, talcahuano):
    learner = UserFactory(municipality=talcahuano, role=OFFICIAL)
    in_course(learner, cohort.course, enrolled_days_ago=6)
    assert reminders.evaluate().recorded == 0
    clock.shift(datetime.timedelta(days=1))
    assert reminders.evaluate().sent == 1
    assert Reminder.objects.get().kind == Kind.NOT_STARTED


def test_text_messages_for_those_who_chose_them(stalled):
    Preferences.objects.create(user=stalled, channel=Channel.SMS, mobile="+56961234567")
    assert reminders.evaluate().sent == 1
    assert mail.outbox == []
    [message] = sms.InMemoryBackend.outbox
    assert message.to == "+56961234567" and len(message.body) <= 160 and "Cocrea" in message.body


def test_a_coordinators_one_click_reminder_respects_the_daily_limit(
    client, stalled, cohort, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/convocatorias/{cohort.pk}/personas/{stalled.pk}/recordar/")
    assert response.status_code == 302 and len(mail.outbox) == 1
    assert Reminder.objects.get().sent_by == coordinator
    # Again the same day, one by one or all the stalled: nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/convocatorias/{cohort.pk}/personas/{stalled.pk}/recordar/")
        client.post(f"/convocatorias/{cohort.pk}/recordar-estancados/")
    assert reminders.evaluate().sent == 0
    assert len(mail.outbox) == 1
    history = BeautifulSoup(client.get(f"/convocatorias/{cohort.pk}/personas/{stalled.pk}/").content, "html.parser")
    assert len(history.select("tbody tr")) == 1


def test_a_coordinators_reminder_at_night_waits_for_the_morning(clock, client, stalled, cohort, coordinator):
    clock.move_to(datetime.datetime(2027, 5, 20, 3, 0, tzinfo=UTC))  # 23:00 in Santiago
    client.force_login(coordinator)
    client.post(f"/convocatorias/{cohort.pk}/recordar-estancados/")
    assert mail.outbox == [] and Reminder.objects.get().status == "pending"
    clock.move_to(datetime.datetime(2027, 5, 20, 13, 10, tzinfo=UTC))  # 9:10
    assert reminders.evaluate().sent == 1 and len(mail.outbox) == 1


def test_a_coordinator_cannot_remind_another_comunas_people(client, stalled, cohort, coronel):
    from accounts.roles import COORDINATOR

    other = UserFactory(municipality=coronel, role=COORDINATOR)
    client.force_login(other)
    assert client.post(f"/convocatorias/{cohort.pk}/personas/{stalled.pk}/recordar/").status_code == 404
    assert not Reminder.objects.exists()


def test_preferences(client, stalled):
    client.force_login(stalled)
    response = client.post(
        "/recordatorios/preferencias/", {"channel": "sms", "mobile": "", "time_zone": "Pacific/Easter"}
    )
    assert response.status_code == 200 and not Preferences.objects.exists()
    response = client.post(
        "/recordatorios/preferencias/", {"channel": "sms", "mobile": "12", "time_zone": "Pacific/Easter"}
    )
    assert response.status_code == 200 and not Preferences.objects.exists()
    response = client.post(
        "/recordatorios/preferencias/", {"channel": "sms", "mobile": "9 6123 4567", "time_zone": "Pacific/Easter"}
    )
    assert response.status_code == 302
    preferences = Preferences.objects.get(user=stalled)
    assert (preferences.mobile, preferences.time_zone) == ("+56961234567", "Pacific/Easter")


def test_evaluator_queries_are_constant_per_batch(clock, cohort, talcahuano):
    def queries(people):
        Reminder.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            outcome = reminders.evaluate(batch_size=5, send=False)
        assert outcome.recorded == people
        return len(captured)

    def add(count):
        for _ in range(count):
            learner = UserFactory(municipality=talcahuano, role=OFFICIAL)
            in_course(learner, cohort.course, done=1, enrolled_days_ago=30, active_days_ago=20)

    add(5)
    one = queries(5)
    add(5)
    two = queries(10)
    add(10)
    four = queries(20)
    assert four - two == 2 * (two - one) and two - one <= 5
