from django.contrib.auth import get_user_model


def test_admin_user_form_edits_profile_fields(client, superuser, official, coronel):
    client.force_login(superuser)
    url = f"/admin/users/edit/{official.pk}/"
    page = client.get(url).content.decode()
    assert 'name="municipality"' in page and 'name="position"' in page
    response = client.post(
        url,
        {
            "email": official.email,
            "first_name": official.first_name,
            "last_name": official.last_name,
            "municipality": coronel.pk,
            "position": "Secplan",
            "is_active": "on",
            "groups": list(official.groups.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    official.refresh_from_db()
    assert official.municipality == coronel
    assert official.position == "Secplan"


def test_admin_creates_a_coordinator(client, superuser, talcahuano):
    from accounts.roles import COORDINATOR

    client.force_login(superuser)
    response = client.post(
        "/admin/users/new/",
        {
            "email": "coordinacion@talcahuano.test",
            "first_name": "Rosa",
            "last_name": "Pérez",
            "municipality": talcahuano.pk,
            "position": "Secplan",
            "password1": "una-clave-larga-para-rosa",
            "password2": "una-clave-larga-para-rosa",
            "groups": [COORDINATOR.group().pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rosa = get_user_model().objects.get(email="coordinacion@talcahuano.test")
    assert rosa.has_perm("accounts.view_own_municipality_records")
    assert rosa.municipality == talcahuano
