from bs4 import BeautifulSoup

from tests.factories import PASSWORD

LOGIN_URL = "/cuenta/ingresar/"


def test_login_by_email_whatever_its_capitals(client, official):
    response = client.post(LOGIN_URL, {"username": f"  {official.email.upper()} ", "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == official.pk


def test_wrong_password_gets_a_clear_spanish_message(client, official):
    response = client.post(LOGIN_URL, {"username": official.email, "password": "no-es-esta"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "El correo o la contraseña no son correctos" in soup.select_one(".error-summary").get_text()
    assert soup.select_one("input[name=username]")["value"] == official.email
    assert "_auth_user_id" not in client.session


def test_login_returns_to_the_requested_page(client, official):
    response = client.post(
        f"{LOGIN_URL}?next=/cuenta/perfil/",
        {"username": official.email, "password": PASSWORD, "next": "/cuenta/perfil/"},
    )
    assert response["Location"] == "/cuenta/perfil/"


def test_pages_that_need_an_account_send_to_login_and_back(client, db):
    response = client.get("/cuenta/perfil/")
    assert response.status_code == 302
    assert response["Location"] == "/cuenta/ingresar/?next=/cuenta/perfil/"


def test_logout_is_a_post_and_signs_out(client, official):
    client.force_login(official)
    assert client.get("/cuenta/salir/").status_code == 405
    response = client.post("/cuenta/salir/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_header_shows_account_links_for_the_visitor(client, official):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    account = soup.select_one(".site-nav__account").get_text(" ", strip=True)
    assert "Iniciar sesión" in account and "Crear una cuenta" in account
    client.force_login(official)
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    account = soup.select_one(".site-nav__account").get_text(" ", strip=True)
    assert "Mi perfil" in account and "Cerrar sesión" in account
    assert "Administración" not in account


def test_ministry_staff_and_coordinators_land_on_their_reports(client, ministry, coordinator, official, trainer):
    for person, landing in [
        (official, "/mi-aprendizaje/"),
        (trainer, "/mi-aprendizaje/"),
        (ministry, "/reportes/"),
        (coordinator, "/reportes/"),
    ]:
        client.logout()
        response = client.post(LOGIN_URL, {"username": person.email, "password": PASSWORD})
        assert response["Location"] == landing, person.email
    followed = client.get("/reportes/", follow=True)
    assert followed.redirect_chain[-1][0] == f"/reportes/comunas/{coordinator.municipality.code}/"


def test_an_explicit_next_wins_over_the_reports(client, ministry):
    response = client.post(
        f"{LOGIN_URL}?next=/cursos/", {"username": ministry.email, "password": PASSWORD, "next": "/cursos/"}
    )
    assert response["Location"] == "/cursos/"
