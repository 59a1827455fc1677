"""Role changes leave an entry in the audit trail, with who made them, visible in the admin."""

from bs4 import BeautifulSoup
from wagtail.models import ModelLogEntry

from accounts.roles import COORDINATOR, OFFICIAL


def test_changing_a_persons_roles_in_the_admin_is_logged_with_who_did_it(client, superuser, official):
    client.force_login(superuser)
    response = client.post(
        f"/admin/users/edit/{official.pk}/",
        {
            "email": official.email,
            "first_name": official.first_name,
            "last_name": official.last_name,
            "municipality": official.municipality_id,
            "position": official.position,
            "is_active": "on",
            "groups": [COORDINATOR.group().pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    entries = ModelLogEntry.objects.filter(action="cocrea.roles_changed", object_id=str(official.pk), user=superuser)
    assert sorted((entry.data for entry in entries), key=str) == [
        {"added": [COORDINATOR.group_name]},
        {"removed": [OFFICIAL.group_name]},
    ]

    history = BeautifulSoup(client.get(f"/admin/users/history/{official.pk}/").content, "html.parser").get_text()
    assert "Roles cambiados. Agregados: Coordinación municipal" in history
    assert "Quitados: Funcionarios municipales" in history
    report = client.get("/admin/reports/site-history/", {"action": "cocrea.roles_changed"})
    assert "Cambio de roles" in report.content.decode()


def test_making_someone_a_superuser_is_logged(superuser, official):
    official.is_superuser = True
    official.save()
    official.save(update_fields=["last_name"])  # unrelated saves log nothing
    entry = ModelLogEntry.objects.get(action="cocrea.superuser_changed")
    assert entry.data == {"is_superuser": True} and entry.object_id == str(official.pk)


def test_roles_set_in_code_are_logged_too(official):
    official.groups.clear()
    entry = ModelLogEntry.objects.filter(action="cocrea.roles_changed").latest("pk")
    assert entry.data == {"removed": [OFFICIAL.group_name]} and entry.user is None
