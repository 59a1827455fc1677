"""Who may open whose certificate (IDOR), and hostile input on the verification form and the admin forms."""

from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone
from hypothesis import given

from certificates import services
from certificates.models import Certificate
from courses import services as course_services
from tests.security.authorization import assert_object_access
from tests.security.hostile import (
    HOSTILE,
    assert_survives,
    form_data,
    refused_before_any_view,
    rolled_back,
    snapshot,
)

MANAGERS = ("ministry", "superuser")


def test_a_certificate_pdf_is_only_for_its_holder_ministry_staff_and_admins(world):
    learner = world.people["official_b"]
    enrolment = course_services.enrol(learner, world.course_z)[0]
    for lesson in world.course_z.get_descendants().type(__import__("courses").models.LessonPage):
        course_services.complete_item(learner, lesson.specific)
    certificate_b = services.issue(enrolment.pk)
    certificate_b.file.save("b.pdf", ContentFile(b"%PDF-1.7 b"), save=False)
    certificate_b.rendered_at = timezone.now()
    certificate_b.save()
    assert_object_access(
        world,
        lambda certificate: f"/certificados/{certificate.code}/pdf/",
        {"official_a": world.certificate_a, "official_b": certificate_b},
        may_access=lambda role, owner: role == owner or role in MANAGERS,
        secrets_of=lambda certificate: [certificate.holder_name],
    )


@HOSTILE
@given(data=form_data({"codigo": "7K3M-9QX2-ZD4R"}))
def test_the_verification_form_survives_hostile_input(client, certificate, data):
    cache.clear()
    response = client.get("/certificados/verificar/", data)
    if refused_before_any_view(response):
        return
    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code in {200, 302}, response.status_code
    if response.status_code == 302:
        assert response["Location"].startswith("/certificados/verificar/")
        assert client.get(response["Location"]).status_code in {200, 404}
    else:
        assert soup.html["lang"] == "es" and soup.h1.get_text(strip=True)


@HOSTILE
@given(data=form_data({"reason": "Emitido por error"}))
def test_revocation_survives_hostile_input(client, certificate, ministry, data):
    client.force_login(ministry)

    def accepted(response):
        certificate.refresh_from_db()
        assert certificate.revoked_at and certificate.revoked_reason
        assert response["Location"] == f"/admin/certificados/{certificate.pk}/"

    with rolled_back():
        before = snapshot(Certificate.objects.order_by("pk"))
        response = client.post(f"/admin/certificados/{certificate.pk}/revocar/", data)
        assert_survives(response, before, snapshot(Certificate.objects.order_by("pk")), accepted=accepted)


@HOSTILE
@given(data=form_data(["code", "enrolment", "holder_name"]))
def test_reissue_survives_hostile_input(client, certificate, ministry, data):
    """Whatever comes with the POST, the certificate in the address is replaced, with the holder's own data."""
    client.force_login(ministry)

    def accepted(response):
        new = Certificate.objects.current().get(enrolment=certificate.enrolment)
        assert new.holder_name == "José Ñúñez Muñoz" and new.code != certificate.code

    with rolled_back():
        before = snapshot(Certificate.objects.order_by("pk"))
        response = client.post(f"/admin/certificados/{certificate.pk}/reemitir/", data)
        assert_survives(response, before, snapshot(Certificate.objects.order_by("pk")), accepted=accepted)


@HOSTILE
@given(data=form_data(["course", "requested_by", "file"]))
def test_asking_for_a_course_zip_survives_hostile_input(client, certificate, course, ministry, data):
    """Whatever comes with the POST, the ZIP asked for is the course's in the address, by the signed-in person."""
    from certificates.models import CertificateArchive

    client.force_login(ministry)

    def accepted(response):
        archive = CertificateArchive.objects.get()
        assert (archive.course_id, archive.requested_by_id) == (course.pk, ministry.pk)

    with rolled_back():
        before = snapshot(CertificateArchive.objects.order_by("pk"))
        response = client.post(f"/admin/certificados/cursos/{course.pk}/zip/", data)
        assert_survives(response, before, snapshot(CertificateArchive.objects.order_by("pk")), accepted=accepted)
