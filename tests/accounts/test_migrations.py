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
