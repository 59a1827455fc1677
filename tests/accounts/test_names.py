"""Names are printed on certificates as typed: invisible control, format and bidirectional characters are refused
wherever a name is entered (sign-up, profile, the admin's user forms)."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from accounts.validators import validate_printable_name

from .test_signup import SIGNUP_URL, valid_data

HIDDEN = [
    "Pérez\u202e",  # right-to-left override: "Pérez" would print reversed after it
    "\u2066Ana\u2069",  # left-to-right isolate
    "Ana\u200bMaría",  # zero-width space
    "Ana\x00",  # NUL
    "Ana\nMaría",  # line break
    "Ana\u2028María",  # line separator
    "\ufeffAna",  # byte order mark
    "Ana\u00ad",  # soft hyphen
]
PRINTABLE = ["María José", "Ñúñez-Muñoz", "O'Higgins", "José\u0301", "Mª Ángeles", "Nguyễn", "Łukasz", "Zoë"]


def error_texts(response):
    return [
        li.get_text(" ", strip=True) for li in BeautifulSoup(response.content, "html.parser").select(".errorlist li")
    ]


@pytest.mark.parametrize("name", HIDDEN)
def test_hidden_characters_are_refused_naming_them(name):
    with pytest.raises(ValidationError) as error:
        validate_printable_name(name)
    assert "caracteres invisibles" in str(error.value.messages[0])
    assert f"U+{ord(next(c for c in name if not c.isalpha() and c not in ' -')):04X}" in error.value.messages[0]


@pytest.mark.parametrize("name", PRINTABLE)
def test_names_of_any_script_with_accents_and_marks_are_accepted(name):
    validate_printable_name(name)


@pytest.mark.parametrize("field", ["first_name", "last_name"])
def test_sign_up_refuses_a_name_with_a_bidirectional_override(client, talcahuano, field):
    response = client.post(SIGNUP_URL, valid_data(talcahuano, **{field: "Pérez\u202eodnanreF"}))
    assert response.status_code == 200
    assert any("U+202E" in text and "certificados" in text for text in error_texts(response))
    assert not User.objects.exists()


def test_profile_refuses_a_name_with_control_characters(client, official):
    client.force_login(official)
    before = official.first_name
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Ana\u200b",
            "last_name": official.last_name,
            "municipality": official.municipality_id,
            "position": official.position,
        },
    )
    assert any("U+200B" in text for text in error_texts(response))
    official.refresh_from_db()
    assert official.first_name == before


def test_admin_user_forms_refuse_hidden_characters(client, superuser, official, talcahuano):
    client.force_login(superuser)
    response = client.post(
        f"/admin/users/edit/{official.pk}/",
        {
            "email": official.email,
            "first_name": official.first_name,
            "last_name": "Soto\u202e",
            "municipality": talcahuano.pk,
            "position": "Secplan",
            "membership": "confirmed",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "U+202E" in response.content.decode()
    official.refresh_from_db()
    assert "\u202e" not in official.last_name
    response = client.post(
        "/admin/users/new/",
        {
            "email": "nueva@talcahuano.test",
            "first_name": "\u2066Rosa",
            "last_name": "Pérez",
            "municipality": talcahuano.pk,
            "position": "Secplan",
            "password1": "una-clave-larga-para-rosa",
            "password2": "una-clave-larga-para-rosa",
        },
    )
    assert response.status_code == 200 and "U+2066" in response.content.decode()
    assert not User.objects.filter(email="nueva@talcahuano.test").exists()
