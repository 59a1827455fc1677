"""Membership of a municipality: pending until confirmed by an institutional domain or by the comuna's coordinator
(or ministry staff); only confirmed members count in reports."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts import audit, confirmation, membership
from accounts.models import Membership, MunicipalityDomain, User, confirmed_member
from accounts.roles import COORDINATOR, OFFICIAL
from courses import services
from reports.models import ProgressSummary
from reports.scope import ReportScope, counted_enrolments
from reports.summary import refresh
from tests.courses.factories import build_course
from tests.factories import UserFactory

from .test_signup import SIGNUP_URL, valid_data


def actions_about(person):
    return list(
        ModelLogEntry.objects.filter(object_id=str(person.pk), action__startswith="cocrea.membership")
        .order_by("pk")
        .values_list("action", "user_id")
    )


def pending_url(comuna):
    return reverse("accounts:pending_members", args=[comuna.code])


@pytest.fixture
def talcahuano_domain(talcahuano):
    return MunicipalityDomain.objects.create(municipality=talcahuano, domain="talcahuano.cl")


@pytest.mark.parametrize("email_confirmed", [True, False])
@pytest.mark.parametrize("state", list(Membership))
@pytest.mark.parametrize("has_municipality", [True, False])
def test_the_rule_in_the_database_and_in_memory_agree(talcahuano, email_confirmed, state, has_municipality):
    person = UserFactory(
        municipality=talcahuano if has_municipality else None,
        email_confirmed_at=timezone.now() if email_confirmed else None,
        membership=state,
    )
    in_database = User.objects.filter(confirmed_member(), pk=person.pk).exists()
    assert person.is_confirmed_member == in_database
    assert in_database == (email_confirmed and state == Membership.CONFIRMED and has_municipality)


def test_sign_up_makes_a_pending_membership_with_an_audit_line(client, talcahuano):
    client.post(SIGNUP_URL, valid_data(talcahuano))
    person = User.objects.get()
    assert person.membership == Membership.PENDING and person.membership_requested_at
    assert actions_about(person) == [(audit.MEMBERSHIP_REQUESTED, person.pk)]


@pytest.mark.parametrize(
    ("email", "confirmed"),
    [
        ("ana.rivas@talcahuano.cl", True),
        ("ana.rivas@Transito.Talcahuano.CL", True),
        ("ana.rivas@maltalcahuano.cl", False),
        ("ana.rivas@talcahuano.cl.evil.example", False),
        ("ana.rivas@gmail.com", False),
    ],
)
def test_an_institutional_address_confirms_the_membership_once_the_address_is_confirmed(
    client, talcahuano, talcahuano_domain, email, confirmed
):
    client.post(SIGNUP_URL, valid_data(talcahuano, email=email))
    person = User.objects.get()
    assert person.membership == Membership.PENDING  # an unconfirmed address proves nothing
    client.post(reverse("accounts:confirm_email", args=[confirmation.make_token(person)]))
    person.refresh_from_db()
    assert person.is_confirmed_member == confirmed
    if confirmed:
        entry = ModelLogEntry.objects.get(object_id=str(person.pk), action=audit.MEMBERSHIP_CONFIRMED)
        assert entry.data["domain"] is True
        assert "dominio de correo" in str(entry.message)


def test_sign_up_is_all_or_nothing_when_a_later_step_fails(talcahuano):
    from django.test import Client

    client = Client(raise_request_exception=False)
    with mock.patch("accounts.membership.request_membership", side_effect=IntegrityError("membership")):
        response = client.post(SIGNUP_URL, valid_data(talcahuano))
    assert response.status_code == 500
    assert not User.objects.exists()
    assert not User.groups.through.objects.exists()
    assert not ModelLogEntry.objects.filter(action__startswith="cocrea.").exists()
    # The person's retry works: no half-made account says "this email already exists".
    response = client.post(SIGNUP_URL, valid_data(talcahuano))
    assert response.status_code == 302
    assert User.objects.get().groups.filter(name=OFFICIAL.group_name).exists()


def test_sign_up_is_all_or_nothing_when_the_role_cannot_be_given(talcahuano):
    from django.test import Client

    client = Client(raise_request_exception=False)
    with mock.patch.object(type(OFFICIAL), "group", side_effect=IntegrityError("group")):
        client.post(SIGNUP_URL, valid_data(talcahuano))
    assert not User.objects.exists()


def test_changing_municipality_in_the_profile_is_pending_again(client, official, coronel):
    client.force_login(official)
    data = {"first_name": official.first_name, "last_name": official.last_name, "position": official.position}
    response = client.post(reverse("accounts:profile"), {**data, "municipality": coronel.pk}, follow=True)
    official.refresh_from_db()
    assert official.municipality == coronel and official.membership == Membership.PENDING
    assert "Su pertenencia a Coronel está pendiente" in response.content.decode()
    assert actions_about(official) == [(audit.MEMBERSHIP_REQUESTED, official.pk)]
    # Saving the profile again without changing municipality changes nothing about the membership.
    User.objects.filter(pk=official.pk).update(membership=Membership.CONFIRMED)
    client.post(reverse("accounts:profile"), {**data, "municipality": coronel.pk})
    official.refresh_from_db()
    assert official.membership == Membership.CONFIRMED


def test_a_coordinator_who_moves_in_their_profile_loses_the_reports_of_both_comunas(client, coordinator, coronel):
    client.force_login(coordinator)
    data = {"first_name": "Rosa", "last_name": "Pérez", "position": "Secplan", "municipality": coronel.pk}
    client.post(reverse("accounts:profile"), data)
    assert client.get("/reportes/comunas/08102/").status_code == 403
    assert client.get("/reportes/comunas/08110/").status_code == 403
    assert client.get(pending_url(coronel)).status_code == 403


def test_only_confirmed_members_count_in_reports_and_summaries(talcahuano, applicant, official):
    course = build_course()
    for person in (official, applicant):
        services.enrol(person, course)
    rejected = UserFactory(municipality=talcahuano, membership=Membership.REJECTED)
    services.enrol(rejected, course)
    assert list(counted_enrolments().values_list("user_id", flat=True)) == [official.pk]
    refresh()
    assert ProgressSummary.objects.get(municipality=talcahuano, course=course).enrolled == 1
    membership.decide(applicant, approve=True, by=None)
    refresh()
    assert ProgressSummary.objects.get(municipality=talcahuano, course=course).enrolled == 2


def test_the_coordinator_sees_the_pending_list_from_the_report(client, coordinator, applicant, official):
    client.force_login(coordinator)
    report = BeautifulSoup(client.get("/reportes/comunas/08110/").content, "html.parser")
    note = report.select_one(".account-status")
    assert "1 persona dice trabajar aquí y está pendiente de confirmación" in note.get_text(" ", strip=True)
    assert note.a["href"] == pending_url(applicant.municipality)
    assert "Pino" not in report.select_one(".report-table").get_text()

    page = BeautifulSoup(client.get(note.a["href"]).content, "html.parser")
    assert page.h1.get_text(strip=True) == "Funcionarios pendientes de Talcahuano"
    cards = page.select(".pending-list .card")
    assert len(cards) == 1
    assert "Rodrigo Pino" in cards[0].h2.get_text() and "pendiente" in cards[0].select_one(".badge").get_text()
    assert "aplicante@correo.test" in cards[0].get_text()
    assert [button["value"] for button in cards[0].select("button")] == ["confirmar", "rechazar"]


def test_approving_confirms_and_logs_who_decided(client, coordinator, applicant):
    client.force_login(coordinator)
    url = pending_url(applicant.municipality)
    response = client.post(url, {"person": applicant.pk, "decision": "confirmar"}, follow=True)
    applicant.refresh_from_db()
    assert applicant.is_confirmed_member
    assert actions_about(applicant) == [(audit.MEMBERSHIP_CONFIRMED, coordinator.pk)]
    text = response.content.decode()
    assert "Rodrigo Pino ahora es funcionario confirmado de Talcahuano" in text
    assert "Nadie espera confirmación" in text


def test_rejecting_leaves_the_person_out_and_tells_them_in_their_profile(client, coordinator, applicant):
    client.force_login(coordinator)
    client.post(pending_url(applicant.municipality), {"person": applicant.pk, "decision": "rechazar"})
    applicant.refresh_from_db()
    assert applicant.membership == Membership.REJECTED
    assert actions_about(applicant) == [(audit.MEMBERSHIP_REJECTED, coordinator.pk)]
    client.force_login(applicant)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "no confirmó que usted trabaje ahí" in profile


def test_a_person_without_a_confirmed_address_can_only_be_rejected(client, coordinator, applicant):
    User.objects.filter(pk=applicant.pk).update(email_confirmed_at=None)
    client.force_login(coordinator)
    url = pending_url(applicant.municipality)
    card = BeautifulSoup(client.get(url).content, "html.parser").select_one(".pending-list .card")
    assert "aún sin confirmar" in card.get_text()
    assert [button["value"] for button in card.select("button")] == ["rechazar"]
    response = client.post(url, {"person": applicant.pk, "decision": "confirmar"})
    summary = BeautifulSoup(response.content, "html.parser").select_one(".error-summary")
    assert "aún no confirma su dirección de correo" in summary.get_text()
    applicant.refresh_from_db()
    assert applicant.membership == Membership.PENDING


def test_a_coordinator_decides_for_their_own_comuna_only(client, coronel, applicant):
    coronel_coordinator = UserFactory(municipality=coronel, role=COORDINATOR)
    client.force_login(coronel_coordinator)
    assert client.get(pending_url(applicant.municipality)).status_code == 403
    response = client.post(pending_url(applicant.municipality), {"person": applicant.pk, "decision": "confirmar"})
    assert response.status_code == 403
    # Nor through their own list, naming someone of another comuna.
    response = client.post(pending_url(coronel), {"person": applicant.pk, "decision": "confirmar"})
    assert "ya no está pendiente en esta municipalidad" in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.membership == Membership.PENDING


def test_ministry_staff_decide_for_every_comuna(client, ministry, applicant):
    client.force_login(ministry)
    client.post(pending_url(applicant.municipality), {"person": applicant.pk, "decision": "confirmar"})
    applicant.refresh_from_db()
    assert applicant.is_confirmed_member
    assert actions_about(applicant) == [(audit.MEMBERSHIP_CONFIRMED, ministry.pk)]


def test_two_decisions_on_the_same_person_take_effect_once(coordinator, ministry, applicant):
    membership.decide(applicant, approve=False, by=ministry)
    with pytest.raises(membership.CannotDecide):
        membership.decide(applicant, approve=True, by=coordinator)
    applicant.refresh_from_db()
    assert applicant.membership == Membership.REJECTED
    assert actions_about(applicant) == [(audit.MEMBERSHIP_REJECTED, ministry.pk)]


@pytest.mark.parametrize(("code", "status"), [("99999", 404), ("abc", 404), ("0811", 404), ("%00", 400)])
def test_unknown_comunas_are_not_found(client, ministry, code, status):
    client.force_login(ministry)
    assert client.get(f"/cuenta/comunas/{code}/pendientes/").status_code == status


def test_the_pending_list_pins_its_queries(client, coordinator, talcahuano, django_assert_max_num_queries):
    for number in range(12):
        UserFactory(municipality=talcahuano, membership=Membership.PENDING, email=f"p{number}@correo.test")
    client.force_login(coordinator)
    client.get(pending_url(talcahuano))  # warm the kept permissions and site
    with django_assert_max_num_queries(12):
        response = client.get(pending_url(talcahuano))
    assert len(BeautifulSoup(response.content, "html.parser").select(".pending-list .card")) == 12


def test_scope_of_a_pending_coordinator_is_refused(coordinator):
    User.objects.filter(pk=coordinator.pk).update(membership=Membership.PENDING)
    coordinator.refresh_from_db()
    with pytest.raises(PermissionDenied):
        ReportScope.of(coordinator)


def test_a_decision_is_saved_through_the_model_so_figures_kept_current_hear_of_it(coordinator, applicant):
    from django.db.models.signals import post_save

    heard = []

    def listener(sender, instance, update_fields=None, **kwargs):
        heard.append((instance.pk, set(update_fields or ())))

    post_save.connect(listener, sender=User)
    try:
        membership.decide(applicant, approve=True, by=coordinator)
    finally:
        post_save.disconnect(listener, sender=User)
    assert (applicant.pk, {"membership"}) in heard


def test_a_pending_coordinator_signs_in_to_their_learning_not_to_a_report_they_may_not_open(client, coordinator):
    from tests.factories import PASSWORD

    User.objects.filter(pk=coordinator.pk).update(membership=Membership.PENDING)
    response = client.post("/cuenta/ingresar/", {"username": coordinator.email, "password": PASSWORD})
    assert response["Location"] == "/mi-aprendizaje/"
    User.objects.filter(pk=coordinator.pk).update(membership=Membership.CONFIRMED)
    client.logout()
    response = client.post("/cuenta/ingresar/", {"username": coordinator.email, "password": PASSWORD})
    assert response["Location"] == "/reportes/"
