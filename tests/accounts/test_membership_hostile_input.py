"""The membership forms survive hostile input: the pending list's decisions, the confirmation link, a new link."""

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from accounts import confirmation
from accounts.models import Membership, User
from accounts.roles import COORDINATOR
from tests.factories import UserFactory
from tests.security.hostile import HOSTILE, assert_survives, form_data, rolled_back, snapshot, submitted

URL = "/cuenta/comunas/08110/pendientes/"


def people():
    return (User.objects.order_by("pk"),)


@pytest.fixture
def coordinator_of_talcahuano(talcahuano):
    return UserFactory(municipality=talcahuano, role=COORDINATOR, email="coordinacion@talcahuano.test")


@pytest.fixture
def pending_elsewhere(coronel):
    return UserFactory(municipality=coronel, membership=Membership.PENDING, email="otra@correo.test")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@HOSTILE
@given(data=form_data({"person": None, "decision": "confirmar"}))
def test_deciding_on_a_pending_member(coordinator_of_talcahuano, applicant, pending_elsewhere, data):
    if data.get("person") is None:
        data["person"] = str(applicant.pk)

    def decided_on_the_pending_person_only(response):
        person = User.objects.get(pk=applicant.pk)
        expected = Membership.CONFIRMED if submitted(data, "decision") == "confirmar" else Membership.REJECTED
        assert person.membership == expected
        assert User.objects.get(pk=pending_elsewhere.pk).membership == Membership.PENDING
        assert response["Location"].startswith(URL)

    with rolled_back():
        client = signed_in(coordinator_of_talcahuano)
        before = snapshot(*people())
        response = client.post(URL, data)
        assert_survives(response, before, snapshot(*people()), accepted=decided_on_the_pending_person_only)


@HOSTILE
@given(
    token=st.one_of(st.text(max_size=300), st.sampled_from(["abc", "a:b:c", "x" * 2000, ".."])),
    data=form_data({"confirmar": "1"}),
)
def test_confirmation_link(applicant, token, data):
    # A path segment cannot hold "/" (that is another address).
    token = quote(token.replace("/", ""), safe="") or "vacio"
    with rolled_back():
        User.objects.filter(pk=applicant.pk).update(email_confirmed_at=None)
        before = snapshot(*people())
        response = Client().post(f"/cuenta/confirmar/{token}/", data)
        # 400: a NUL byte in the address, refused before any view (home's hostile-path middleware).
        assert response.status_code in (200, 400, 404) and before == snapshot(*people())
        text = response.content.decode()
        assert ("no es válido" in text) if response.status_code == 200 else ('lang="es"' in text)


@HOSTILE
@given(data=form_data({"next": "/cursos/"}))
def test_asking_for_a_new_link(applicant, data):
    def sent_and_stayed_on_the_site(response):
        assert response["Location"].startswith("/") and not response["Location"].startswith("//")

    with rolled_back():
        User.objects.filter(pk=applicant.pk).update(email_confirmed_at=None, confirmation_sent_at=None)
        client = signed_in(applicant)
        before = snapshot(User.objects.defer("confirmation_sent_at"))
        response = client.post("/cuenta/confirmar/reenviar/", data)
        assert_survives(
            response, before, snapshot(User.objects.defer("confirmation_sent_at")), accepted=sent_and_stayed_on_the_site
        )
        assert confirmation.may_resend(User.objects.get(pk=applicant.pk)) is False
