"""The data migration that introduced verified membership keeps everyone who already had an account counted."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0004_user_municipality_by_name")]
AFTER = [("accounts", "0006_confirm_existing_members")]


@pytest.fixture
def executor(transactional_db):
    """Hand the test an executor; afterwards migrate every app forward again.

    Going back to an accounts migration also unapplies every app that depends on a later one (cohorts, practices);
    migrating forward only to a named accounts migration would leave their tables missing for the tests after this one.
    """
    executor = MigrationExecutor(connection)
    yield executor
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_people_who_had_an_account_become_confirmed_members(executor):
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    municipality = old.get_model("accounts", "Municipality").objects.get(code="08110")
    person = old.get_model("accounts", "User").objects.create(
        email="antes@talcahuano.test", first_name="Ana", last_name="Rivas", municipality=municipality
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    person = new.get_model("accounts", "User").objects.get(pk=person.pk)
    assert person.membership == "confirmed"
    assert person.email_confirmed_at == person.date_joined == person.membership_requested_at


def test_sessions_that_have_not_expired_move_with_the_person_they_sign_in(executor, client):
    from datetime import timedelta

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session as DjangoSession
    from django.utils import timezone

    from accounts.models import User

    before = [("accounts", "0007_permissions_stamp")]
    executor.migrate(before)
    person = User.objects.create_user("sesion@talcahuano.test", password="Una-clave-larga-2026")
    signed_in = {
        SESSION_KEY: str(person.pk),
        BACKEND_SESSION_KEY: "accounts.backends.EmailBackend",
        HASH_SESSION_KEY: person.get_session_auth_hash(),
    }
    soon, gone = timezone.now() + timedelta(days=1), timezone.now() - timedelta(seconds=1)
    sessions = DjangoSession.objects  # Django's own table, where sessions were kept until 0008
    for key, data, expires in (("a" * 32, signed_in, soon), ("b" * 32, {}, soon), ("c" * 32, signed_in, gone)):
        sessions.create(session_key=key, session_data=SessionStore().encode(data), expire_date=expires)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    moved = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps.get_model("accounts", "Session")
    assert dict(moved.objects.values_list("session_key", "person_id")) == {"a" * 32: person.pk, "b" * 32: None}
    client.cookies["sessionid"] = "a" * 32
    assert client.get("/cuenta/perfil/").status_code == 200  # still signed in
