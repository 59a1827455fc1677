from django.contrib.auth.models import Group

from accounts.roles import COORDINATOR, MINISTRY, OFFICIAL, ROLES, TRAINER


def test_every_role_has_its_group(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.group_name for role in ROLES} <= names


def test_roles_grant_what_they_declare_and_nothing_more(official, trainer, coordinator, ministry):
    assert not official.has_perm("wagtailadmin.access_admin")
    assert not official.has_perm("accounts.view_own_municipality_records")

    assert trainer.has_perm("wagtailadmin.access_admin")
    assert not trainer.has_perm("accounts.view_all_municipality_records")

    assert coordinator.has_perm("accounts.view_own_municipality_records")
    assert not coordinator.has_perm("accounts.view_all_municipality_records")
    assert not coordinator.has_perm("wagtailadmin.access_admin")

    assert ministry.has_perm("accounts.view_all_municipality_records")
    assert ministry.has_perm("wagtailadmin.access_admin")
    for person in (official, trainer, coordinator, ministry):
        assert not person.has_perm("wagtailcore.publish_page")


def test_role_sync_is_idempotent_and_keeps_hand_granted_permissions(db):
    from django.contrib.auth.models import Permission

    from accounts.roles import sync_role_groups

    extra = Permission.objects.get(codename="add_municipality")
    COORDINATOR.group().permissions.add(extra)
    sync_role_groups()
    sync_role_groups()
    assert Group.objects.filter(name=OFFICIAL.group_name).count() == 1
    assert COORDINATOR.group().permissions.filter(pk=extra.pk).exists()
    assert set(TRAINER.group().permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "add_outcome",
        "change_outcome",
        "add_participanttype",
        "change_participanttype",
        "add_bankquestion",
        "change_bankquestion",
        "delete_bankquestion",
        "add_certificatetemplate",
        "change_certificatetemplate",
    }
    assert MINISTRY.group().permissions.count() == 6
    assert set(COORDINATOR.group().permissions.values_list("codename", flat=True)) == {
        "view_own_municipality_records",
        "decide_membership",
        "add_municipality",
    }


def test_officials_cannot_reach_the_admin(client, official):
    client.force_login(official)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
