"""Lists of officials and invitations survive hostile input (see ``tests/security/hostile.py``): whatever is
uploaded, pasted or typed, the answer is a preview or a form error in Spanish, never a server error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import User
from cohorts import invitations
from cohorts.models import BulkImport, Invitation
from tests.courses.factories import build_course
from tests.security.hostile import HOSTILE, assert_survives, form_data, rolled_back, snapshot

from .factories import CohortFactory


@pytest.fixture
def cohort(site, talcahuano):
    return CohortFactory(course=build_course(modules=1, lessons=1), municipalities=[talcahuano])


def lists():
    return (BulkImport.objects.order_by("pk"), Invitation.objects.order_by("pk"))


def a_decided_preview(response):
    bulk_import = BulkImport.objects.latest("pk")
    assert response["Location"] == f"/convocatorias/{bulk_import.cohort_id}/invitar/{bulk_import.pk}/"
    assert all(row["outcome"] in ("invite", "enrol", "refused") for row in bulk_import.rows)
    assert not Invitation.objects.exists()  # nothing is applied before confirming


def post_list(cohort, user, data):
    client = Client()
    client.force_login(user)
    before = snapshot(*lists())
    response = client.post(f"/convocatorias/{cohort.pk}/invitar/", data)
    assert_survives(response, before, snapshot(*lists()), accepted=a_decided_preview)
    if response.status_code == 302:  # the preview itself opens
        assert client.get(response["Location"]).status_code == 200


@HOSTILE
@given(data=form_data({"pasted": "Ana Rojas\tana@talcahuano.cl\tTránsito"}))
def test_a_pasted_list_survives_hostile_input(cohort, coordinator, data):
    with rolled_back():
        post_list(cohort, coordinator, data)


@HOSTILE
@given(
    content=st.one_of(
        st.binary(max_size=4000),
        st.text(max_size=2000).map(lambda text: ("nombres;correo\n" + text).encode("utf-8", "surrogatepass")),
        st.text(max_size=2000).map(lambda text: ("nombres,correo\n" + text).encode("cp1252", "ignore")),
    ),
    name=st.sampled_from(["lista.csv", "lista.xlsx", "lista.xls", "lista", "../../etc/passwd", "lista.csv\x00.exe"]),
)
def test_an_uploaded_file_survives_hostile_content(cohort, coordinator, content, name):
    with rolled_back():
        post_list(cohort, coordinator, {"file": SimpleUploadedFile(name, content)})


ACCEPT = {
    "first_name": "Ana",
    "last_name": "Rojas",
    "position": "Tránsito",
    "password1": "una clave bastante larga 2027",
    "password2": "una clave bastante larga 2027",
    "accept_privacy": "on",
}


@HOSTILE
@given(data=form_data(ACCEPT))
def test_accepting_an_invitation_survives_hostile_input(cohort, talcahuano, coordinator, data):
    with rolled_back():
        invitation = Invitation.objects.create(
            cohort=cohort, municipality=talcahuano, email="ana@talcahuano.cl", first_name="Ana", invited_by=coordinator
        )
        accounts = (User.objects.order_by("pk"),)
        before = snapshot(*accounts)
        response = Client().post(f"/convocatorias/invitacion/{invitations.make_token(invitation)}/", data)

        def one_confirmed_member(response):
            user = User.objects.get(email="ana@talcahuano.cl")
            assert user.is_confirmed_member and user.municipality == talcahuano

        assert_survives(response, before, snapshot(*accounts), accepted=one_confirmed_member)
