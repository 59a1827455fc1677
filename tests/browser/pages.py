"""The pages every test run opens in Chromium, and the page-weight budgets.

Add a page to ``PAGES`` and it is checked by axe-core (WCAG 2.1 A and AA, zero violations) and by the Nu Html
Checker (no errors); give it a line in ``BUDGETS`` and its first-load weight is held under the budget. See
CONTRIBUTING.md ("Browser tests").
"""

import io

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from home import demo as home_demo

from .visits import Visit, send_with_errors, submit_form

WRONG_LOGIN = {"Correo electrónico": "nadie@municipio.test", "Contraseña": "no-es-esta-clave"}


def home_with_demo_content(path):
    def prepare(request):
        home_demo.load(stdout=io.StringIO())
        return path

    return prepare


def password_reset_link(request):
    """The link of a password-reset email sent to an official (Django swaps it for a form address)."""
    user = request.getfixturevalue("official")
    return (
        f"/cuenta/recuperar/{urlsafe_base64_encode(force_bytes(user.pk))}/{default_token_generator.make_token(user)}/"
    )


PAGES = {
    "home": Visit(home_with_demo_content("/")),
    "home (English)": Visit(home_with_demo_content("/en/")),
    "sign-up": Visit("/cuenta/registro/"),
    "sign-up with errors": Visit("/cuenta/registro/", then=send_with_errors()),
    "sign-in": Visit("/cuenta/ingresar/"),
    "sign-in with errors": Visit("/cuenta/ingresar/", then=send_with_errors(WRONG_LOGIN)),
    "profile": Visit("/cuenta/perfil/", user="official"),
    "profile with errors": Visit(
        "/cuenta/perfil/", user="official", then=send_with_errors({"Cargo o departamento": ""})
    ),
    "password change": Visit("/cuenta/contrasena/", user="official"),
    "password change with errors": Visit("/cuenta/contrasena/", user="official", then=send_with_errors()),
    "password reset": Visit("/cuenta/recuperar/"),
    "password reset sent": Visit(
        "/cuenta/recuperar/", then=lambda page: submit_form(page, {"Correo electrónico": "nadie@municipio.test"})
    ),
    "new password": Visit(password_reset_link),
    "new password, expired link": Visit("/cuenta/recuperar/MQ/vencido-0000/"),
    "privacy notice": Visit("/privacidad/"),
    "not found": Visit("/no-existe/", status=404),
    "not found (English)": Visit("/en/no-existe/", status=404),
}

# Bytes transferred on a first load (HTML + CSS + JS + fonts, compressed as production serves them), per page.
BUDGETS = {
    "home": 30_000,
    "sign-up": 30_000,
}
