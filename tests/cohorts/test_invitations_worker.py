"""A long list of officials applied by a real worker through the broker: the request only queues it, the progress
page follows it, and the invitations leave once."""

import threading

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Municipality
from accounts.roles import COORDINATOR
from cohorts import imports
from cohorts.models import BulkImport, Invitation
from lms.celery import app
from tests.courses.factories import build_course
from tests.factories import UserFactory

from .factories import CohortFactory


@pytest.mark.broker
def test_a_real_worker_applies_a_long_list_and_sends_its_invitations(
    broker, transactional_db, site, client, monkeypatch
):
    monkeypatch.setattr(imports, "BACKGROUND_FROM", 2)
    talcahuano, _created = Municipality.objects.get_or_create(
        code="08110", defaults={"name": "Talcahuano", "region": "08"}
    )
    coordinator = UserFactory(municipality=talcahuano, role=COORDINATOR)
    cohort = CohortFactory(course=build_course(modules=1, lessons=1), municipalities=[talcahuano])
    client.force_login(coordinator)
    content = "\r\n".join(["nombres;correo;cargo", *(f"P {n};p{n}@x.cl;T" for n in range(6))]).encode()
    response = client.post(f"/convocatorias/{cohort.pk}/invitar/", {"file": SimpleUploadedFile("l.csv", content)})
    assert response.status_code == 302
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=20):
            assert client.post(response["Location"]).status_code == 302  # queued, not applied in the request
            for _poll in range(200):
                bulk_import = BulkImport.objects.get()
                if bulk_import.is_done:
                    break
                threading.Event().wait(0.1)
    finally:
        app.conf.task_always_eager = True
    assert (bulk_import.status, bulk_import.invited, bulk_import.sent) == ("applied", 6, 6)
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 6 and len(mail.outbox) == 6
    assert "Invitaciones enviadas por correo: 6 de 6" in client.get(response["Location"]).content.decode()
