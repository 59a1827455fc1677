"""The demo: the default template with its signatories, and the demo official's certificate ready at once."""

import io

from bs4 import BeautifulSoup
from django.core.management import call_command

from accounts.models import User
from certificates.models import Certificate, CertificateTemplate
from courses.models import Enrolment


def test_the_demo_officials_completed_course_has_its_certificate_ready(demo, client):
    official = User.objects.get(email="funcionaria@cocrea.test")
    completed = Enrolment.objects.completed().filter(user=official)
    assert completed.exists()
    for enrolment in completed:
        certificate = Certificate.objects.current().get(enrolment=enrolment)
        assert certificate.is_ready and certificate.holder_name == official.get_full_name()
        assert certificate.completed_on  # the dated-back completion, not the day the demo was loaded
    client.force_login(official)
    soup = BeautifulSoup(client.get("/mi-aprendizaje/").content, "html.parser")
    links = soup.select(".completed-list a.certificate-link")
    assert len(links) == completed.count()
    assert client.get(links[0]["href"]).status_code == 200


def test_every_completed_demo_enrolment_has_one_certificate_and_the_default_template_is_signed(demo):
    assert Certificate.objects.current().count() == Enrolment.objects.completed().count()
    template = CertificateTemplate.objects.get(is_default=True)
    assert [signatory.name for signatory in template.signatories.all()] == [
        "Carolina Muñoz Sepúlveda",
        "Andrés Figueroa Lagos",
    ]


def test_loading_the_demo_again_changes_nothing(demo):
    before = list(Certificate.objects.order_by("pk").values_list("code", "file"))
    call_command("load_demo", stdout=io.StringIO())
    assert list(Certificate.objects.order_by("pk").values_list("code", "file")) == before
