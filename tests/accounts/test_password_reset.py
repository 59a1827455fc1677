import re

from bs4 import BeautifulSoup
from django.core import mail

from tests.factories import PASSWORD


def test_password_reset_email_link_sets_a_new_password_once(client, official):
    response = client.post("/cuenta/recuperar/", {"email": official.email.upper()})
    assert response["Location"] == "/cuenta/recuperar/enviado/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [official.email]
    assert message.subject == "Elija una nueva contraseña para Cocrea"
    assert official.first_name in message.body
    link = re.search(r"http://testserver(/cuenta/recuperar/[^/]+/[^/]+/)", message.body).group(1)

    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker
    new_password = "rutas-del-biotren-2025"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response["Location"] == "/cuenta/ingresar/"
    official.refresh_from_db()
    assert official.check_password(new_password)
    assert not official.check_password(PASSWORD)

    # The same link cannot be used again.
    response = client.get(link, follow=True)
    assert "ya no es válido" in response.content.decode()


def test_password_reset_reveals_nothing_about_unknown_addresses(client, db):
    response = client.post("/cuenta/recuperar/", {"email": "nadie@municipio.test"})
    assert response["Location"] == "/cuenta/recuperar/enviado/"
    assert mail.outbox == []


def test_password_change_requires_the_old_password(client, official):
    client.force_login(official)
    new_password = "paraderos-con-techo-77"
    response = client.post(
        "/cuenta/contrasena/",
        {"old_password": "equivocada", "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 200
    assert "incorrecta" in response.content.decode()
    response = client.post(
        "/cuenta/contrasena/",
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response["Location"] == "/cuenta/perfil/"
    official.refresh_from_db()
    assert official.check_password(new_password)


def test_password_change_errors_take_focus_once(client, official):
    client.force_login(official)
    assert "autofocus" not in client.get("/cuenta/contrasena/").content.decode()
    response = client.post("/cuenta/contrasena/", {"old_password": "equivocada"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert [tag.get("class") for tag in soup.select("[autofocus]")] == [["error-summary"]]
