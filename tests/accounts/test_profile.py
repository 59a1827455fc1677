from bs4 import BeautifulSoup


def test_profile_shows_and_saves_the_certificate_name_and_municipality(client, official, coronel):
    client.force_login(official)
    soup = BeautifulSoup(client.get("/cuenta/perfil/").content, "html.parser")
    assert soup.select_one("input[name=first_name]")["value"] == official.first_name
    assert "Así aparecerán en sus certificados" in soup.get_text()

    response = client.post(
        "/cuenta/perfil/",
        {"first_name": "María José", "last_name": "Ñúñez Muñoz", "municipality": coronel.pk, "position": "Secplan"},
    )
    assert response["Location"] == "/cuenta/perfil/"
    official.refresh_from_db()
    assert official.get_full_name() == "María José Ñúñez Muñoz"
    assert official.municipality == coronel
    assert "Se guardó su perfil" in client.get("/cuenta/perfil/").content.decode()


def test_profile_errors_keep_the_stored_values(client, official):
    client.force_login(official)
    before = official.get_full_name()
    response = client.post(
        "/cuenta/perfil/", {"first_name": "", "last_name": "Otro", "municipality": "x", "position": "Secplan"}
    )
    assert response.status_code == 200
    official.refresh_from_db()
    assert official.get_full_name() == before


def test_profile_cannot_change_email_or_roles(client, official):
    client.force_login(official)
    client.post(
        "/cuenta/perfil/",
        {
            "first_name": "Ana",
            "last_name": "Rivas",
            "municipality": official.municipality_id,
            "position": "Secplan",
            "email": "otra@municipio.test",
            "is_superuser": "on",
            "groups": "1",
        },
    )
    official.refresh_from_db()
    assert official.email != "otra@municipio.test"
    assert not official.is_superuser
