"""A small data set whose figures are computed by hand in the tests.

Course A (4 lessons, trainer A) and course B (2 lessons, trainer B). Six officials in Talcahuano (t1–t6), two in
Coronel (c1, c2), and ministry staff (no municipality) who tried course A and is not counted::

    A: t1 4/4 done, t2 4/4 done, t3 2/4, t4 1/4, t5 0/4, t6 0/4, c1 4/4 done, c2 3/4
    B: t1 1/2, c1 2/2 done

Certificates: t1 A, c1 A, c1 B current; t2's certificate of A was revoked. Course A has an optional quiz ("Evaluación
final", added after the enrolments, so it changes no progress): t1 best 90 % passed, t2 60 % not passed, c1 80 %
passed; t3 never took it.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import COORDINATOR, OFFICIAL, TRAINER
from certificates import services as certificate_services
from certificates.models import Certificate
from courses import services
from courses.models import Enrolment, ModulePage
from quizzes.models import QuizResult
from reports import summary
from tests.courses.factories import build_course, lessons_of
from tests.factories import UserFactory
from tests.quizzes.factories import build_quiz


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def follow(learner, course, done, started=None, completed=None, active=None):
    """Enrol ``learner`` and complete the first ``done`` lessons; then date the enrolment (days ago)."""
    enrolment = services.enrol(learner, course)[0]
    for lesson in lessons_of(course)[:done]:
        services.complete_item(learner, lesson)
    dates = {"last_activity_at": days_ago(active if active is not None else 1)}
    if started is not None:
        dates["started_at"] = days_ago(started)
    if completed is not None:
        dates["completed_at"] = days_ago(completed)
    Enrolment.objects.filter(pk=enrolment.pk).update(**dates)
    enrolment.refresh_from_db()
    return enrolment


@dataclass
class Known:
    course_a: object
    course_b: object
    trainer_a: object
    trainer_b: object
    people: dict
    quiz: object


@pytest.fixture
def known(db, talcahuano, coronel, ministry):
    trainer_a = UserFactory(role=TRAINER, municipality=None, first_name="Ana", last_name="Formadora")
    trainer_b = UserFactory(role=TRAINER, municipality=None, first_name="Bruno", last_name="Formador")
    course_a = build_course(modules=2, lessons=2, title="Curso A de movilidad", trainers=[trainer_a])
    course_b = build_course(modules=1, lessons=2, title="Curso B de datos", trainers=[trainer_b])
    people = {}
    for key, municipality, last_name, position in [
        ("t1", talcahuano, "Alarcón", "Dirección de Tránsito"),
        ("t2", talcahuano, "Bravo", "Secplan"),
        ("t3", talcahuano, "Carrasco", "Dirección de Tránsito"),
        ("t4", talcahuano, "Díaz", "Secplan"),
        ("t5", talcahuano, "Espinoza", "Dirección de Obras"),
        ("t6", talcahuano, "Fuentes", "Dirección de Tránsito"),
        ("c1", coronel, "González", "Dirección de Tránsito"),
        ("c2", coronel, "Hernández", "Secplan"),
    ]:
        people[key] = UserFactory(
            role=OFFICIAL, municipality=municipality, last_name=last_name, first_name=key.upper(), position=position
        )
    follow(people["t1"], course_a, 4, started=70, completed=62, active=62)
    follow(people["t2"], course_a, 4, started=12, completed=2, active=2)
    follow(people["t3"], course_a, 2, started=20, active=3)
    follow(people["t4"], course_a, 1, started=15, active=10)
    follow(people["t5"], course_a, 0, active=40)
    follow(people["t6"], course_a, 0, active=1)
    follow(people["c1"], course_a, 4, started=20, completed=5, active=5)
    follow(people["c2"], course_a, 3, started=50, active=45)
    follow(people["t1"], course_b, 1, started=36, active=35)
    follow(people["c1"], course_b, 2, started=40, completed=31, active=31)
    follow(ministry, course_a, 4, started=3, completed=1, active=1)  # no municipality: not counted
    enrolments = {(enrolment.user_id, enrolment.course_id): enrolment for enrolment in Enrolment.objects.all()}

    def enrolment(key, course):
        return enrolments[(people[key].pk, course.pk)]

    for key, course in [("t1", course_a), ("t2", course_a), ("c1", course_a), ("c1", course_b)]:
        certificate_services.issue(enrolment(key, course).pk)
    certificate_services.revoke(Certificate.objects.get(enrolment=enrolment("t2", course_a)), "Emitido por error")
    quiz = build_quiz(ModulePage.objects.child_of(course_a).first(), title="Evaluación final", optional=True)
    for key, score, passed in [("t1", 90, True), ("t2", 60, False), ("c1", 80, True)]:
        QuizResult.objects.create(
            enrolment=enrolment(key, course_a),
            quiz=quiz,
            quiz_title=quiz.title,
            best_score_percent=score,
            passed=passed,
            attempts_used=2,
            last_attempt_at=days_ago(3),
        )
    summary.refresh()  # the dates above were written past the models, as history is
    return Known(course_a, course_b, trainer_a, trainer_b, people, quiz)


@pytest.fixture
def coronel_coordinator(coronel):
    return UserFactory(municipality=coronel, role=COORDINATOR)
