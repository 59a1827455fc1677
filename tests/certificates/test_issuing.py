"""Completing a course issues exactly one certificate, with a PDF that says the right things and a QR code back to
its verification page; the task retries, the sweep catches up, and a broker outage never fails the learner."""

import io
from unittest import mock

import pytest
import zxingcpp
from django.core import mail
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from certificates import services, tasks
from certificates.models import Certificate
from courses import services as course_services
from tests.courses.factories import finish_course, lessons_of


def pdf_text(certificate):
    with certificate.file.open("rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    return reader, " ".join(reader.pages[0].extract_text().split())


def test_completing_a_course_issues_a_certificate_with_the_holder_course_hours_and_code_in_the_pdf(certificate):
    assert certificate.is_ready and certificate.pages == 1
    reader, text = pdf_text(certificate)
    assert "José Ñúñez Muñoz" in text
    assert "Co-diseño de servicios municipales" in text
    assert "12 horas" in text
    assert certificate.display_code in text  # in capitals, groups of four
    assert certificate.display_code == "-".join(certificate.code[i : i + 4] for i in (0, 4, 8))
    assert "Talcahuano" in text
    # Snapshot of what was certified
    assert (certificate.holder_name, certificate.course_title, certificate.hours) == (
        "José Ñúñez Muñoz",
        "Co-diseño de servicios municipales",
        12,
    )
    assert certificate.completed_on == timezone.localdate(certificate.enrolment.completed_at)


def test_the_pdf_is_archival_tagged_spanish_with_embedded_fonts(certificate):
    reader, _text = pdf_text(certificate)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "es"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    xmp = reader.xmp_metadata.stream.get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="A"' in xmp  # PDF/A-3a
    assert reader.metadata.title.startswith("Certificado de aprobación — José Ñúñez Muñoz")
    fonts = [font.get_object() for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts and all("Atkinson" in str(font["/BaseFont"]) for font in fonts), [f["/BaseFont"] for f in fonts]
    for font in fonts:
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert {"/FontFile2", "/FontFile3"} & set(descriptor.keys()), "font not embedded"


def test_the_qr_code_in_the_pdf_decodes_to_the_verification_page(certificate):
    reader, _text = pdf_text(certificate)
    images = reader.pages[0].images
    decoded = set()
    for image in images:
        picture = Image.open(io.BytesIO(image.data)).convert("L")
        decoded |= {result.text for result in zxingcpp.read_barcodes(picture)}
    assert decoded == {f"http://testserver/certificados/verificar/{certificate.code}/"}


def test_the_holder_gets_one_email_with_the_links(certificate):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [certificate.enrolment.user.email]
    assert "Co-diseño de servicios municipales" in message.subject
    assert f"http://testserver/certificados/{certificate.code}/pdf/" in message.body
    assert f"http://testserver/certificados/verificar/{certificate.code}/" in message.body
    services.notify_holder(certificate)  # a retry
    assert len(mail.outbox) == 1


def test_issuing_again_is_a_no_op(certificate):
    again = services.deliver(certificate.enrolment_id)
    assert again == certificate
    assert Certificate.objects.count() == 1


def test_later_edits_to_names_and_courses_do_not_change_an_issued_certificate(certificate, learner, course):
    learner.last_name = "Otro"
    learner.save()
    course.title = "Otro título"
    course.estimated_hours = 40
    course.save_revision().publish()
    services.render(certificate, force=True)
    certificate.refresh_from_db()
    _reader, text = pdf_text(certificate)
    assert "José Ñúñez Muñoz" in text and "12 horas" in text and "Otro" not in text


def test_a_second_current_certificate_for_one_enrolment_is_refused_by_the_database(certificate):
    from django.db import IntegrityError, transaction

    values = {
        field: getattr(certificate, field)
        for field in ("holder_name", "course_title", "hours", "completed_on", "issuer", "title", "body")
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(enrolment=certificate.enrolment, code="0" * 11 + "0", template_version=1, **values)


def test_a_failing_render_is_retried_and_then_succeeds(learner, course, django_capture_on_commit_callbacks):
    real = services.rendering.render
    calls = []

    def flaky(certificate, template):
        calls.append(certificate.code)
        if len(calls) == 1:
            raise OSError("disk full")
        return real(certificate, template)

    with django_capture_on_commit_callbacks(execute=False):  # the completion's task is run by hand below
        enrolment = finish_course(learner, course)
    with mock.patch.object(services.rendering, "render", side_effect=flaky):
        # As a worker runs it: the failure schedules a retry (in-process, at once), which succeeds.
        result = tasks.deliver_certificate.apply(args=[enrolment.pk], throw=False)
    assert result.successful()
    assert len(calls) == 2
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert result.get() == certificate.code and certificate.is_ready


def test_the_task_is_acknowledged_late_rejected_on_worker_loss_and_retried_with_backoff():
    task = tasks.deliver_certificate
    assert task.acks_late and task.reject_on_worker_lost
    assert task.autoretry_for == (Exception,) and task.retry_backoff and task.max_retries >= 5
    from django.conf import settings

    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert settings.CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS["visibility_timeout"] == visibility
    assert visibility > task.time_limit and visibility > task.retry_backoff_max
    assert "certificates.tasks.issue_missing_certificates" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }


def test_completing_a_course_with_the_broker_down_works_and_the_sweep_issues_the_certificate_later(
    learner, course, django_capture_on_commit_callbacks
):
    broker_down = mock.patch.object(tasks.deliver_certificate, "apply_async", side_effect=ConnectionError("down"))
    with broker_down, django_capture_on_commit_callbacks(execute=True):
        enrolment = finish_course(learner, course)
    assert enrolment.is_complete
    assert not Certificate.objects.exists()
    assert services.missing() == [enrolment.pk]

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.issue_missing_certificates.delay().get() == 1
    certificate = Certificate.objects.current().get(enrolment=enrolment)
    assert certificate.is_ready
    assert services.missing() == []


def test_the_sweep_renders_a_certificate_whose_pdf_was_never_made(learner, course, django_capture_on_commit_callbacks):
    worker_gone = mock.patch.object(services, "render", side_effect=OSError("worker gone"))
    with worker_gone, django_capture_on_commit_callbacks(execute=True):
        enrolment = finish_course(learner, course)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert not certificate.is_ready
    assert services.missing() == [enrolment.pk]
    with django_capture_on_commit_callbacks(execute=True):
        tasks.issue_missing_certificates.delay()
    certificate.refresh_from_db()
    assert certificate.is_ready and Certificate.objects.count() == 1


def test_a_revoked_certificate_is_not_issued_again_by_the_sweep(certificate, ministry):
    services.revoke(certificate, "Emitido por error", by=ministry)
    assert services.missing() == []
    assert services.deliver(certificate.enrolment_id) is None
    assert Certificate.objects.count() == 1


def test_an_incomplete_enrolment_gets_no_certificate(learner, course):
    enrolment = course_services.enrol(learner, course)[0]
    course_services.complete_item(learner, lessons_of(course)[0])
    assert services.deliver(enrolment.pk) is None
    assert not Certificate.objects.exists()


def test_a_render_over_its_time_limit_fails_the_attempt(certificate):
    from core.pdf import PdfTimeLimitExceeded

    slow = mock.patch.object(services.rendering, "render", side_effect=PdfTimeLimitExceeded("slow"))
    with slow, pytest.raises(PdfTimeLimitExceeded):
        services.render(certificate, force=True)
    certificate.refresh_from_db()
    assert certificate.is_ready  # the previous PDF stays


def test_rendering_stores_the_file_privately(certificate, settings):
    from pathlib import Path

    path = Path(certificate.file.path)
    assert Path(settings.PRIVATE_MEDIA_ROOT) in path.parents
    assert Path(settings.MEDIA_ROOT) not in path.parents
