"""Object-level checks (IDOR) on what exists in the foundation: people's admin records and restricted documents."""

from .authorization import assert_object_access
from .world import ROLES


def test_only_a_superuser_opens_a_persons_admin_record(world):
    people = {role: person for role, person in world.people.items() if person is not None}
    for view in ("edit", "history"):
        assert_object_access(
            world,
            lambda person, view=view: f"/admin/users/{view}/{person.pk}/",
            people,
            may_access=lambda role, owner: role == "superuser",
            secrets_of=lambda person: [person.email, person.last_name],
        )


def test_personal_data_download_is_always_the_requesters_own(world):
    """Parameters naming another account are ignored: each person downloads their own data, nobody else's."""
    others = {role: person for role, person in world.people.items() if person is not None}
    for role in ROLES[1:]:
        client = world.client_for(role)
        for owner, person in others.items():
            data = client.get("/cuenta/mis-datos/descargar/", {"user": person.pk, "pk": person.pk}).json()
            assert data["account_id"] == world.people[role].pk
            if owner != role:
                assert person.email not in str(data)
