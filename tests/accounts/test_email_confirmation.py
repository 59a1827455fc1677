"""A new account confirms its email address with a signed link (valid three days, re-sendable) before enrolling."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts import audit, confirmation
from accounts.models import Membership, User
from courses.models import Enrolment
from tests.courses.factories import build_course
from tests.factories import UserFactory

from .test_signup import SIGNUP_URL, valid_data

LINK = re.compile(r"https?://testserver(/cuenta/confirmar/[^/\s]+/)")


def link_in(message):
    return LINK.search(message.body).group(1)


def made_ago(user, age):
    """A confirmation token for ``user`` signed ``age`` ago."""
    with mock.patch("django.core.signing.time.time", return_value=time.time() - age.total_seconds()):
        return confirmation.make_token(user)


def sent_ago(user, age):
    User.objects.filter(pk=user.pk).update(confirmation_sent_at=timezone.now() - age)


def sign_up(client, comuna, **overrides):
    response = client.post(SIGNUP_URL, valid_data(comuna, **overrides))
    assert response.status_code == 302
    return User.objects.get(email=valid_data(comuna, **overrides)["email"].lower())


@pytest.fixture
def newcomer(talcahuano):
    return UserFactory(municipality=talcahuano, email_confirmed_at=None, membership=Membership.PENDING)


def test_sign_up_sends_a_link_in_spanish_and_says_so(client, talcahuano):
    user = sign_up(client, talcahuano)
    assert user.email_confirmed_at is None and user.confirmation_sent_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jose.nunez@talcahuano.test"]
    assert message.subject == "Confirme su dirección de correo en Cocrea"
    assert "Hola, José Ñúñez Muñoz:" in message.body and "válido por 3 días" in message.body
    page = client.get("/mi-aprendizaje/")
    assert "Le enviamos un mensaje a jose.nunez@talcahuano.test" in page.content.decode()


def test_following_the_link_confirms_the_address_on_post_only(client, talcahuano):
    user = sign_up(client, talcahuano)
    url = link_in(mail.outbox[0])
    client.logout()
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert page.h1.get_text(strip=True) == "Confirme su dirección de correo"
    assert page.select_one("form[method=post] button").get_text(strip=True) == "Confirmar mi dirección de correo"
    user.refresh_from_db()
    assert user.email_confirmed_at is None  # a mail scanner opening the link confirms nothing

    response = client.post(url)
    assert response["Location"] == reverse("accounts:login")
    user.refresh_from_db()
    assert user.email_confirmed_at is not None
    entry = ModelLogEntry.objects.get(object_id=str(user.pk), action=audit.EMAIL_CONFIRMED)
    assert entry.user_id == user.pk
    again = BeautifulSoup(client.get(url).content, "html.parser")
    assert "ya está confirmada" in again.get_text()


def test_signed_in_person_lands_on_their_learning_after_confirming(client, talcahuano):
    sign_up(client, talcahuano)
    response = client.post(link_in(mail.outbox[0]))
    assert response["Location"] == "/mi-aprendizaje/"


def test_link_expires_after_three_days_and_a_new_one_can_be_sent(client, newcomer):
    client.force_login(newcomer)
    token = made_ago(newcomer, timedelta(days=3, minutes=1))
    url = reverse("accounts:confirm_email", args=[token])
    page = BeautifulSoup(client.post(url).content, "html.parser")
    assert "ha vencido" in page.get_text()
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is None
    form = page.select_one(f"form[action='{reverse('accounts:resend_confirmation')}']")
    assert form is not None
    client.post(reverse("accounts:resend_confirmation"))
    assert len(mail.outbox) == 1
    client.post(link_in(mail.outbox[0]))
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is not None


def test_a_link_still_works_just_under_three_days(client, newcomer):
    token = made_ago(newcomer, timedelta(days=2, hours=23))
    client.post(reverse("accounts:confirm_email", args=[token]))
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is not None


@pytest.mark.parametrize("token", ["abc", "x" * 300, "eyJ1c2VyIjoxfQ:1tKx:abc", "%C3%B1", "a%20b"])
def test_a_tampered_link_is_refused_with_an_explanation(client, newcomer, token):
    response = client.post(f"/cuenta/confirmar/{token}/")
    assert response.status_code == 200
    assert "no es válido" in BeautifulSoup(response.content, "html.parser").get_text()
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is None


def test_a_link_for_an_address_the_account_no_longer_has_is_refused(client, newcomer):
    token = confirmation.make_token(newcomer)
    User.objects.filter(pk=newcomer.pk).update(email="otra@talcahuano.test")
    client.post(reverse("accounts:confirm_email", args=[token]))
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is None


def test_resending_is_limited_to_once_a_minute(client, newcomer):
    client.force_login(newcomer)
    client.post(reverse("accounts:resend_confirmation"))
    response = client.post(reverse("accounts:resend_confirmation"), follow=True)
    assert len(mail.outbox) == 1
    assert "hace menos de un minuto" in response.content.decode()
    sent_ago(newcomer, timedelta(minutes=1))
    client.post(reverse("accounts:resend_confirmation"))
    assert len(mail.outbox) == 2


def test_resend_returns_to_a_path_on_this_site_only(client, newcomer):
    client.force_login(newcomer)
    response = client.post(reverse("accounts:resend_confirmation"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("accounts:profile")
    sent_ago(newcomer, timedelta(minutes=1))
    response = client.post(reverse("accounts:resend_confirmation"), {"next": "/cursos/"})
    assert response["Location"] == "/cursos/"


def test_a_mail_server_outage_keeps_the_account_and_says_to_ask_again(client, talcahuano):
    with mock.patch("accounts.confirmation.send_mail", side_effect=ConnectionRefusedError):
        response = client.post(SIGNUP_URL, valid_data(talcahuano), follow=True)
    assert User.objects.filter(email="jose.nunez@talcahuano.test", confirmation_sent_at=None).exists()
    assert "No pudimos enviar el mensaje de confirmación" in response.content.decode()


def test_profile_shows_the_state_and_offers_a_new_link(client, newcomer):
    client.force_login(newcomer)
    page = BeautifulSoup(client.get(reverse("accounts:profile")).content, "html.parser")
    status = page.select_one(".account-status").get_text(" ", strip=True)
    assert "no está confirmada" in status and "pendiente" in status
    assert page.select_one(f".account-status form[action='{reverse('accounts:resend_confirmation')}']")


def test_enrolment_is_refused_until_the_address_is_confirmed(client, site, newcomer):
    course = build_course()
    client.force_login(newcomer)
    url = reverse("courses:enrol", args=[course.pk])
    response = client.post(url)
    assert response.status_code == 403
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Primero confirme su dirección de correo"
    assert newcomer.email in page.get_text()
    form = page.select_one(f"form[action='{reverse('accounts:resend_confirmation')}']")
    assert form.select_one("input[name=next]")["value"] == course.url
    assert not Enrolment.objects.exists()

    client.post(reverse("accounts:confirm_email", args=[confirmation.make_token(newcomer)]))
    assert client.post(url).status_code == 302
    assert Enrolment.objects.filter(user=newcomer, course=course).exists()


def test_the_course_page_asks_for_a_confirmed_address_instead_of_offering_to_enrol(client, newcomer):
    course = build_course()
    client.force_login(newcomer)
    page = BeautifulSoup(client.get(course.url).content, "html.parser")
    assert "primero confirme su dirección de correo" in page.get_text()
    assert not page.find("button", string="Inscribirme en este curso")
    form = page.select_one(f"form[action='{reverse('accounts:resend_confirmation')}']")
    assert form.select_one("input[name=next]")["value"] == course.url
    User.objects.filter(pk=newcomer.pk).update(email_confirmed_at=timezone.now())
    page = BeautifulSoup(client.get(course.url).content, "html.parser")
    assert page.find("button", string="Inscribirme en este curso")
