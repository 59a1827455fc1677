"""Ministry staff and admins revoke, re-issue and download a course's certificates as a ZIP; every change is in
the audit trail. Trainers edit templates with a live preview. The bulk command issues and re-renders."""

import io
import zipfile
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import querydict_from_html

from certificates import archives, audit, services
from certificates.models import Certificate, CertificateTemplate
from tests.courses.factories import finish_course


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def actions(certificate):
    return list(
        ModelLogEntry.objects.for_instance(certificate).order_by("timestamp", "pk").values_list("action", "user_id")
    )


def test_issuing_is_recorded_as_done_by_the_system(certificate):
    assert actions(certificate) == [(audit.ISSUED, None)]


def test_ministry_staff_revoke_with_a_reason_and_it_is_audited(client, certificate, ministry):
    client.force_login(ministry)
    detail = page(client.get(f"/admin/certificados/{certificate.pk}/"))
    assert detail.h1.get_text(strip=True) == f"Certificado {certificate.display_code}"
    assert "José Ñúñez Muñoz" in detail.get_text()
    response = client.post(f"/admin/certificados/{certificate.pk}/revocar/", {"reason": "  Emitido   por error "})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at and certificate.revoked_reason == "Emitido por error"
    assert actions(certificate)[-1] == (audit.REVOKED, ministry.pk)
    history = page(client.get(f"/admin/certificados/{certificate.pk}/")).get_text(" ")
    assert "revocado. Motivo: Emitido por error" in history


def test_a_revocation_needs_a_reason(client, certificate, ministry):
    client.force_login(ministry)
    response = client.post(f"/admin/certificados/{certificate.pk}/revocar/", {"reason": "   "})
    assert response.status_code == 400
    assert "Motivo: Este campo es necesario." in page(response).select_one(".error-summary").get_text()
    certificate.refresh_from_db()
    assert certificate.is_current


def test_reissue_after_a_name_correction_gives_a_new_code_and_the_old_one_says_replaced(
    client, certificate, ministry, learner, django_capture_on_commit_callbacks
):
    learner.first_name = "José Luis"
    learner.save()
    client.force_login(ministry)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/certificados/{certificate.pk}/reemitir/")
    new = Certificate.objects.current().get(enrolment=certificate.enrolment)
    assert response["Location"] == f"/admin/certificados/{new.pk}/"
    certificate.refresh_from_db()
    assert certificate.replaced_by == new and certificate.status == "replaced"
    assert new.code != certificate.code and new.holder_name == "José Luis Ñúñez Muñoz"
    assert new.is_ready  # rendered by the task the re-issue enqueued
    assert actions(certificate)[-1] == (audit.REISSUED, ministry.pk)
    assert actions(new) == [(audit.ISSUED, ministry.pk)]
    # A second re-issue of the old one is refused with a message, not an error.
    response = client.post(f"/admin/certificados/{certificate.pk}/reemitir/", follow=True)
    assert "ya fue reemplazado" in page(response).get_text()


def test_trainers_and_officials_cannot_manage_certificates(client, certificate, trainer, learner):
    client.force_login(trainer)
    response = client.post(f"/admin/certificados/{certificate.pk}/revocar/", {"reason": "x"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    client.force_login(learner)
    response = client.post(f"/admin/certificados/{certificate.pk}/revocar/", {"reason": "x"})
    assert response["Location"].startswith("/admin/login/")
    certificate.refresh_from_db()
    assert certificate.is_current


def test_the_list_finds_by_code_name_and_course_in_few_queries(
    client, certificate, ministry, django_assert_max_num_queries
):
    client.force_login(ministry)
    for query in (certificate.display_code.lower(), "Ñúñez", "Co-diseño"):
        with django_assert_max_num_queries(25):
            soup = page(client.get("/admin/certificados/", {"q": query}))
        assert [a.get_text() for a in soup.select("table.listing td a")] == [certificate.display_code]
    assert "Ningún certificado" in page(client.get("/admin/certificados/", {"q": "nadie"})).get_text()


def test_a_course_zip_is_built_in_the_background_and_holds_every_valid_certificate(
    client, certificate, ministry, course, django_capture_on_commit_callbacks
):
    client.force_login(ministry)
    url = f"/admin/certificados/cursos/{course.pk}/zip/"
    assert not page(client.get(url)).select("a[href$='descargar/']")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    link = page(client.get(url)).select_one("a[href$='descargar/']")
    response = client.get(link["href"])
    assert response["Content-Type"] == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert bundle.namelist() == [f"jose-nunez-munoz-{certificate.code}.pdf"]
    # Revoking the only certificate makes the stored ZIP stale: it is no longer offered.
    services.revoke(certificate, "Emitido por error", by=ministry)
    assert client.get(link["href"]).status_code == 404
    assert archives.build(course.pk).certificates == 0


def test_the_template_preview_shows_the_wording_being_edited_with_sample_data(client, trainer):
    template = CertificateTemplate.objects.default()
    client.force_login(trainer)
    edit = client.get(f"/admin/snippets/certificates/certificatetemplate/edit/{template.pk}/")
    data = querydict_from_html(edit.content.decode(), form_id="w-editor-form")
    data["title"] = "Certificado de participación"
    preview = f"/admin/snippets/certificates/certificatetemplate/preview/{template.pk}/"
    assert client.post(preview, data).json() == {"is_valid": True, "is_available": True}
    soup = page(client.get(preview))
    assert soup.h1.get_text(strip=True) == "Certificado de participación"
    assert soup.select_one(".certificate__holder").get_text() == "José Ñúñez Muñoz"
    assert "aprobó el curso «Co-diseño de servicios municipales»" in soup.select_one(".certificate__body").get_text()
    assert soup.select_one("img.certificate__qr")["src"].startswith("data:image/png;base64,")


def test_trainers_edit_templates_and_unknown_placeholders_are_refused(client, trainer):
    client.force_login(trainer)
    assert client.get("/admin/snippets/certificates/certificatetemplate/").status_code == 200
    template = CertificateTemplate.objects.default()
    template.body = "Para {nombre} y {apellido}"
    with pytest.raises(Exception, match="apellido"):
        template.full_clean()


def test_a_course_chooses_its_template(learner, course, django_capture_on_commit_callbacks):
    template = CertificateTemplate.objects.create(
        name="MTT", title="Constancia de participación", body="{nombre} participó en {curso}."
    )
    course.certificate_template = template
    course.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = finish_course(learner, course)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert (certificate.title, certificate.body) == (
        "Constancia de participación",
        "José Ñúñez Muñoz participó en Co-diseño de servicios municipales.",
    )
    assert certificate.template == template and certificate.template_version == template.version


def test_the_bulk_command_issues_missing_and_rerenders_with_a_progress_bar(
    learner, course, django_capture_on_commit_callbacks
):
    from certificates import tasks

    with mock.patch.object(tasks.deliver_certificate, "apply_async"), django_capture_on_commit_callbacks(execute=True):
        finish_course(learner, course)
    out = io.StringIO()
    call_command("certificates", "issue", stdout=out)
    assert "[##############################] 1/1" in out.getvalue() and "issue: 1 done, 0 failed." in out.getvalue()
    certificate = Certificate.objects.get()
    first_file = certificate.file.name
    template = certificate.template
    template.accent_colour = "#1B3A6B"
    template.save()
    out = io.StringIO()
    call_command("certificates", "rerender", "--course", str(course.pk), stdout=out)
    certificate.refresh_from_db()
    assert certificate.file.name != first_file and certificate.template_version == template.version
    assert "rerender: 1 done, 0 failed." in out.getvalue()


def test_only_one_template_can_be_the_default(db):
    from django.core.exceptions import ValidationError

    CertificateTemplate.objects.default()
    second = CertificateTemplate(name="Otra", is_default=True)
    with pytest.raises(ValidationError, match="Otra plantilla ya es la predeterminada"):
        second.full_clean()
