"""Each request reads its session and its person in one plain statement (``accounts.sessions``): the rules of
Django's readers still hold, and who is signed in is still what the session's own data says."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Session

PROFILE = "/cuenta/perfil/"


def signed_in(client):
    return client.get(PROFILE).status_code == 200


def test_a_session_reads_its_person_in_one_statement(client, official, django_assert_num_queries):
    client.force_login(official)
    client.get("/")  # the person's permissions are kept from now on
    with django_assert_num_queries(1) as queries:
        page = client.get("/").content.decode()
    (statement,) = (query["sql"] for query in queries.captured_queries)
    assert "accounts_session" in statement and "accounts_user" in statement
    assert f'data-learner="{official.pk}"' in page


def test_a_session_notes_whom_it_signs_in_and_signing_out_ends_it(client, official):
    client.force_login(official)
    assert Session.objects.get().person_id == official.pk
    client.post("/cuenta/salir/")
    assert not Session.objects.filter(person_id=official.pk).exists()
    assert not signed_in(client)


def test_the_session_data_decides_who_is_signed_in_not_the_noted_person(client, official, coordinator):
    client.force_login(official)
    Session.objects.update(person_id=coordinator.pk)  # a row changed by hand: the signed data still names the official
    page = client.get("/").content.decode()
    assert f'data-learner="{official.pk}"' in page
    assert signed_in(client)


def test_a_session_whose_person_was_deleted_is_anonymous(client, official):
    client.force_login(official)
    official.delete()
    assert not signed_in(client)


def test_an_expired_session_signs_out(client, official):
    client.force_login(official)
    assert signed_in(client)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert not signed_in(client)


def test_an_unknown_session_is_anonymous(client, db):
    client.cookies["sessionid"] = "x" * 32
    assert not signed_in(client)


def test_a_deactivated_person_is_signed_out(client, official):
    client.force_login(official)
    official.is_active = False
    official.save()
    assert not signed_in(client)


def test_a_password_changed_elsewhere_signs_this_session_out(client, official):
    client.force_login(official)
    official.set_password("Otra-clave-larga-2026")
    official.save()
    assert not signed_in(client)
