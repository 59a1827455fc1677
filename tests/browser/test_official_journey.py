"""The official's journey on a 360×740 phone (issue 8, journey 1), as far as the site goes today.

It continues, in this same test, when the features land: find a course in the catalogue, enrol, complete its lessons,
fail and then pass the quiz, see the course complete at 100 %, download the certificate and have a stranger verify it.
"""

from accounts.models import User

from .steps import TALCAHUANO_OFFICIAL, assert_fits_the_screen, edit_profile, sign_in, sign_out, sign_up


def test_an_official_signs_up_on_a_phone_and_comes_back(phone):
    official = TALCAHUANO_OFFICIAL
    phone.goto("/")
    assert_fits_the_screen(phone)

    sign_up(phone, official)
    user = User.objects.get(email=official.email)
    assert (user.get_full_name(), user.municipality.name) == (official.full_name, "Talcahuano")

    edit_profile(phone, official, **{"Cargo o departamento": "Secplan, unidad de movilidad"})
    user.refresh_from_db()
    assert user.position == "Secplan, unidad de movilidad"

    sign_out(phone)
    sign_in(phone, official.email, official.password)
