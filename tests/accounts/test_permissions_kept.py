"""Permissions are kept per person and stamp (``accounts.backends``): a change applies from the next request, and a
change to one person leaves everyone else's kept set alone."""

from django.contrib.auth.models import Permission
from django.db import transaction

from accounts.backends import KEPT, ROLES, permissions_key
from accounts.roles import MINISTRY

OVERVIEW = "/reportes/general/"


def reports_link_shown(client):
    return 'href="/reportes/"' in client.get("/").content.decode()


def test_a_role_given_applies_from_the_next_request(client, official):
    client.force_login(official)
    assert client.get(OVERVIEW).status_code == 403 and not reports_link_shown(client)
    official.groups.add(MINISTRY.group())
    assert client.get(OVERVIEW).status_code == 200 and reports_link_shown(client)


def test_a_role_taken_away_is_refused_from_the_next_request(client, ministry):
    client.force_login(ministry)
    assert client.get(OVERVIEW).status_code == 200
    ministry.groups.remove(MINISTRY.group())
    assert client.get(OVERVIEW).status_code == 403 and not reports_link_shown(client)


def test_a_permission_taken_from_a_role_is_refused_from_the_next_request(client, ministry):
    client.force_login(ministry)
    assert client.get(OVERVIEW).status_code == 200
    MINISTRY.group().permissions.remove(Permission.objects.get(codename="view_all_municipality_records"))
    assert client.get(OVERVIEW).status_code == 403


def test_a_superuser_made_an_ordinary_user_loses_everything_at_once(client, superuser):
    client.force_login(superuser)
    assert client.get(OVERVIEW).status_code == 200
    assert "accounts.view_all_municipality_records" in superuser.get_all_permissions()  # now kept: every one
    superuser.is_superuser = False
    superuser.save()
    assert client.get(OVERVIEW).status_code == 403


def test_signing_in_keeps_everyones_permissions(client, ministry):
    before = ROLES.current()
    client.force_login(ministry)
    ministry.refresh_from_db()
    assert ministry.last_login is not None
    assert ROLES.current() == before


def kept_for(person):
    person.refresh_from_db()
    return KEPT.get(permissions_key(person))


def test_a_change_to_one_person_keeps_everyone_elses_permissions(client, official, ministry):
    client.force_login(ministry)
    client.get("/")
    client.force_login(official)
    client.get("/")
    assert "accounts.view_all_municipality_records" in kept_for(ministry)
    assert kept_for(official) == set()
    official.groups.add(MINISTRY.group())
    assert kept_for(official) is None  # a new stamp: nothing kept under it yet
    assert "accounts.view_all_municipality_records" in kept_for(ministry)


def test_a_person_saved_whole_gets_a_new_stamp_and_signing_in_keeps_it(client, official):
    official.refresh_from_db()
    stamp = official.permissions_stamp
    client.force_login(official)  # saves last_login only
    official.refresh_from_db()
    assert official.permissions_stamp == stamp
    official.first_name = "Otra"
    official.save()
    official.refresh_from_db()
    assert official.permissions_stamp != stamp


def test_a_superuser_unmade_by_one_field_gets_a_new_stamp(superuser):
    superuser.refresh_from_db()
    stamp = superuser.permissions_stamp
    superuser.is_superuser = False
    superuser.save(update_fields=["is_superuser"])
    superuser.refresh_from_db()
    assert superuser.permissions_stamp != stamp


def test_a_role_change_rolled_back_keeps_the_stamp(official):
    official.refresh_from_db()
    stamp = official.permissions_stamp
    try:
        with transaction.atomic():
            official.groups.add(MINISTRY.group())
            raise RuntimeError
    except RuntimeError:
        pass
    official.refresh_from_db()
    assert official.permissions_stamp == stamp
