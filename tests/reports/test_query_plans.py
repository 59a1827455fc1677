"""A coordinator's report reads its own comuna's enrolments by index, not every enrolment of the country.

PostgreSQL only: the plan is the planner's, with the site's connection settings (``RANDOM_PAGE_COST``). The data
is shaped as a national roll-out would leave it: a comuna of forty officials among ten thousand enrolments.
"""

from django.db import connection
from django.utils import timezone

from accounts.models import Membership, User
from courses.models import Enrolment
from tests.courses.factories import build_course

OTHER_OFFICIALS = 2500
OWN_OFFICIALS = 40


def officials(municipality, count, tag):
    now = timezone.now()
    return User.objects.bulk_create(
        User(
            email=f"{tag}.{number}@municipio.test",
            first_name="Funcionaria",
            last_name=f"{tag} {number}",
            municipality=municipality,
            email_confirmed_at=now,
            membership=Membership.CONFIRMED,
            password="!",  # noqa: S106 -- an unusable password: nobody signs in as them
        )
        for number in range(count)
    )


def enrol_all(people, courses):
    Enrolment.objects.bulk_create(
        Enrolment(user=person, course=course, course_title=course.title) for person in people for course in courses
    )


def report_statements(client, url):
    """The report's statements that read enrolments, with their parameters."""
    statements = []

    def note(execute, sql, params, many, context):
        if sql.startswith("SELECT") and "courses_enrolment" in sql:
            statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        response = client.get(url)
    assert response.status_code == 200
    assert statements
    return statements


def test_a_comuna_report_reads_its_enrolments_by_index(postgres, client, coordinator, talcahuano, coronel):
    courses = [build_course(modules=1, lessons=1, title=f"Curso {number}") for number in range(4)]
    enrol_all(officials(coronel, OTHER_OFFICIALS, "coronel"), courses)
    enrol_all(officials(talcahuano, OWN_OFFICIALS, "talcahuano"), courses)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE accounts_user, courses_enrolment")  # as autovacuum would after such a load
    client.force_login(coordinator)
    for sql, params in report_statements(client, f"/reportes/comunas/{talcahuano.code}/"):
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "Seq Scan on courses_enrolment" not in plan, f"{sql}\n{plan}"
