"""The reminder "certificate ready and not downloaded", with a frozen clock: sent once, after the PDF has waited a
few days, in the person's hours, and never after the first download by its holder."""

import datetime

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.roles import OFFICIAL
from certificates import services as certificate_services
from certificates.models import Certificate
from cohorts import certificate_reminders, reminders
from cohorts.models import Kind, Preferences, Reminder
from tests.courses.factories import build_course, finish_course
from tests.factories import UserFactory

from .factories import MORNING, CohortFactory

UTC = datetime.UTC


@pytest.fixture
def cohort(clock, site, talcahuano):
    return CohortFactory(
        course=build_course(modules=1, lessons=2, title="Datos abiertos de transporte con GTFS"),
        municipalities=[talcahuano],
        opens_on=datetime.date(2027, 4, 1),
        closes_on=datetime.date(2027, 6, 30),
    )


@pytest.fixture
def holder(cohort, talcahuano):
    """Someone who completed the course; their certificate's PDF is ready."""
    learner = UserFactory(municipality=talcahuano, role=OFFICIAL, first_name="Rosa", email="rosa@talcahuano.test")
    enrolment = finish_course(learner, cohort.course)
    certificate = certificate_services.issue(enrolment.pk)
    certificate.file.save(f"{certificate.code}.pdf", ContentFile(b"%PDF-1.7 certificado"), save=False)
    certificate.rendered_at, certificate.pages = timezone.now(), 1
    certificate.save()
    return learner


def test_sent_once_after_the_wait_and_stopped_by_a_download(clock, holder, client):
    assert reminders.evaluate().recorded == 0  # just made: the holder was told when it was issued
    clock.shift(certificate_reminders.WAIT)
    outcome = reminders.evaluate()
    assert (outcome.recorded, outcome.sent) == (1, 1)
    reminder = Reminder.objects.get()
    assert reminder.kind == Kind.CERTIFICATE
    [message] = mail.outbox
    assert message.to == ["rosa@talcahuano.test"]
    assert "certificado" in message.subject and "Datos abiertos de transporte con GTFS" in message.subject
    assert "/mi-aprendizaje/" in message.body and "List-Unsubscribe" in message.extra_headers
    # Not again: the next hour, the next days.
    for hours in (1, 24, 72):
        clock.shift(datetime.timedelta(hours=hours))
        assert reminders.evaluate().recorded == 0
    assert len(mail.outbox) == 1
    # The holder downloads it: recorded once, on the first download.
    certificate = Certificate.objects.get()
    client.force_login(holder)
    assert client.get(f"/certificados/{certificate.code}/pdf/").status_code == 200
    first = Certificate.objects.get().downloaded_at
    assert first == timezone.now()
    clock.shift(datetime.timedelta(hours=1))
    client.get(f"/certificados/{certificate.code}/pdf/")
    assert Certificate.objects.get().downloaded_at == first


def test_a_download_before_the_reminder_leaves_cancels_it(clock, holder, client):
    clock.shift(certificate_reminders.WAIT)
    assert reminders.evaluate(send=False).recorded == 1
    client.force_login(holder)
    client.get(f"/certificados/{Certificate.objects.get().code}/pdf/")
    sent = reminders.send_due()
    assert (sent.sent, sent.cancelled) == (0, 1) and mail.outbox == []


def test_a_download_stops_it_and_staff_downloads_do_not_count(clock, holder, client, ministry):
    client.force_login(ministry)
    client.get(f"/certificados/{Certificate.objects.get().code}/pdf/")
    assert Certificate.objects.get().downloaded_at is None  # ministry staff are not the holder
    client.force_login(holder)
    client.get(f"/certificados/{Certificate.objects.get().code}/pdf/")
    clock.shift(certificate_reminders.WAIT * 2)
    assert reminders.evaluate().recorded == 0 and mail.outbox == []


def test_quiet_hours_bounces_and_opt_outs_apply(clock, holder):
    clock.shift(certificate_reminders.WAIT)
    clock.move_to(datetime.datetime(2027, 5, 23, 2, 0, tzinfo=UTC))  # 22:00 in Santiago
    assert reminders.evaluate().recorded == 0
    Preferences.objects.create(user=holder, email_bounced_at=MORNING)
    clock.move_to(datetime.datetime(2027, 5, 23, 14, 0, tzinfo=UTC))
    assert reminders.evaluate().recorded == 0
    Preferences.objects.filter(user=holder).update(email_bounced_at=None)
    assert reminders.evaluate().sent == 1


def test_revoked_certificates_are_not_reminded(clock, holder):
    certificate_services.revoke(Certificate.objects.get(), "Emitido por error")
    clock.shift(certificate_reminders.WAIT)
    assert reminders.evaluate().recorded == 0
