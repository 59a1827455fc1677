"""Exactly one current certificate per enrolment under concurrent workers (PostgreSQL), a real worker issuing the
certificate of a completed course (Redis), and the holder's personal data."""

import threading

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection
from wagtail.models import ModelLogEntry

from accounts.personal_data import erase_personal_data, export_personal_data
from certificates import services
from certificates.models import Certificate
from courses.models import Enrolment
from lms.celery import app
from tests.courses.factories import build_course, finish_course


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_issue_one_certificate(postgres, learner):
    course = build_course(modules=1, lessons=1, title="Datos abiertos de transporte con GTFS", estimated_hours=6)
    enrolment = finish_course(learner, course)
    Certificate.objects.all().delete()  # as if the completion's task had been lost
    workers = 4
    start = threading.Barrier(workers)
    issued, errors = [], []

    def worker():
        try:
            start.wait()
            issued.append(services.issue(enrolment.pk).pk)
        except Exception as error:  # noqa: BLE001 — collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _worker in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert set(issued) == {Certificate.objects.get(enrolment=enrolment).pk}


@pytest.mark.broker
def test_a_real_worker_issues_the_certificate_of_a_completed_course(broker, transactional_db, learner):
    course = build_course(modules=1, lessons=1, title="Encuestas móviles y SMS", estimated_hours=8)
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=20):
            enrolment = finish_course(learner, course)  # commits; the signal sends the task to Redis
            for _poll in range(200):
                certificate = Certificate.objects.current().filter(enrolment=enrolment, rendered_at__isnull=False)
                if certificate.exists():
                    break
                threading.Event().wait(0.1)
    finally:
        app.conf.task_always_eager = True
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.is_ready and certificate.holder_name == "José Ñúñez Muñoz"


def test_the_data_download_lists_the_certificates(certificate, learner, settings, tmp_path):
    settings.CREDENTIAL_KEYS_DIR = tmp_path  # no keys: the export still lists where the credentials are
    section = export_personal_data(learner)["certificates"]
    credential = section[0].pop("credential")  # signed when the keys are there: see test_credentials.py
    assert credential == {
        "json": f"http://testserver/certificados/verificar/{certificate.code}/credencial.json",
        "jwt": f"http://testserver/certificados/verificar/{certificate.code}/credencial.jwt",
        "document": None,
    }
    assert section == [
        {
            "code": certificate.display_code,
            "holder_name": "José Ñúñez Muñoz",
            "course": "Co-diseño de servicios municipales",
            "hours": 12,
            "completed_on": certificate.completed_on,
            "municipality": "Talcahuano",
            "issued_at": certificate.issued_at,
            "status": "valid",
            "revoked_at": None,
            "revoked_reason": "",
            "replaced_by": None,
        }
    ]


def test_erasure_revokes_the_certificates_and_forgets_the_name(
    client, certificate, learner, django_capture_on_commit_callbacks
):
    path = certificate.file.path
    with django_capture_on_commit_callbacks(execute=True):
        erase_personal_data(learner)
    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.revoked_reason.startswith("Titular eliminado")
    assert (certificate.holder_name, certificate.body, certificate.file.name) == ("", "", "")
    assert not __import__("os").path.exists(path)
    assert Enrolment.objects.filter(pk=certificate.enrolment_id).exists()  # figures keep adding up
    text = client.get(f"/certificados/verificar/{certificate.code}/").content.decode()
    assert "José" not in text and "Ñúñez" not in text and "eliminado a solicitud del titular" in text
    assert ModelLogEntry.objects.for_instance(certificate).filter(action="cocrea.certificate_revoked").exists()
    assert services.missing() == []  # the sweep does not issue a new one
