"""Each request's session and person are read by plain statements (``accounts.sessions``, ``EmailBackend.get_user``):
the rules of Django's readers still hold."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

PROFILE = "/cuenta/perfil/"


def signed_in(client):
    return client.get(PROFILE).status_code == 200


def test_a_session_reads_its_person_in_two_statements(client, official, django_assert_num_queries):
    client.force_login(official)
    client.get("/")  # the person's permissions are kept from now on
    with django_assert_num_queries(2) as queries:
        page = client.get("/").content.decode()
    session, person = (query["sql"] for query in queries.captured_queries)
    assert "django_session" in session and "accounts_user" in person
    assert f'data-learner="{official.pk}"' in page


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
