"""A report reads one snapshot of the database (REPEATABLE READ), begun by psycopg's ``BEGIN`` with no statement of
its own, and hands the connection back as it found it.

PostgreSQL only, and outside a test's own transaction (``transactional_db``): the view's transaction must be the
outermost, as in production.
"""

import pytest
from django.db import connection
from django.test import Client

from courses.models import Enrolment


@pytest.fixture
def report(transactional_db, postgres, client, coordinator, official, talcahuano):
    from tests.courses.factories import build_course

    Enrolment.objects.create(user=official, course=build_course(modules=1, lessons=1), course_title="Curso")
    client.force_login(coordinator)
    return f"/reportes/comunas/{talcahuano.code}/"


def isolation(raw):
    return raw.execute("SHOW transaction_isolation").fetchone()[0]


def test_a_report_reads_one_snapshot_without_a_statement_of_its_own(client, report):
    statements, levels = [], []

    def note(execute, sql, params, many, context):
        statements.append(sql)
        if "courses_enrolment" in sql and not levels:
            levels.append(isolation(context["connection"].connection))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        response = client.get(report)
    assert response.status_code == 200
    assert "Funcionarios de Talcahuano" in response.content.decode()
    assert levels == ["repeatable read"]
    assert not [sql for sql in statements if "TRANSACTION" in sql.upper()]
    assert isolation(connection.connection) == "read committed"  # the next request reads as every other page


def test_a_connection_lost_during_a_report_gives_the_503_page_and_the_next_request_reconnects(coordinator, report):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)

    def lose_connection(execute, sql, params, many, context):
        if "courses_enrolment" in sql:
            context["connection"].connection.close()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(lose_connection):
        response = client.get(report)
    assert response.status_code == 503
    assert "Cocrea no está disponible en este momento" in response.content.decode()
    response = client.get(report)
    assert response.status_code == 200
    assert isolation(connection.connection) == "read committed"
