"""The demo officials' histories: the demo learners of ``courses.demo`` and officials in all eleven comunas of Gran
Concepción (``reports/demo/funcionarios.yaml``), with courses completed over the last months, some in progress and
a few stalled.

Each history is lived through the services a learner's actions go through, in order: lessons completed with
``courses.services.complete_item``, required quizzes taken and passed with ``quizzes.services`` (some failed once
first), the certificate of a completed course issued by ``certificates.services``. The records are then dated
back as one history: completions spread between enrolment and last activity, the course completed when its last
item was, the certificate issued that day. So the demo keeps every invariant a real history has: a completed
course has its required quizzes passed and a certificate dated the day of its completion, and every page counts
the same records. Idempotent: existing officials and enrolments are kept. The summaries are rebuilt at the end.
"""

import random
import unicodedata
from datetime import timedelta
from pathlib import Path

import yaml
from django.utils import timezone

from accounts.models import Municipality
from courses import services as course_services
from courses.demo import DEMO_LEARNERS, demo_official
from courses.models import Completion, CoursePage, Enrolment
from courses.outline import CourseOutline
from courses.services import PrerequisitesMissing

from . import summary

#: The cohorts' and the practices' demos give their records to the officials made here.
LOAD_BEFORE = ("cohorts", "practices")
DEMO_FILE = Path(__file__).resolve().parent / "demo" / "funcionarios.yaml"
#: How many learners fail a required quiz once before they pass it (where a second attempt is allowed).
FAIL_FIRST = 0.35


def email_for(first_name, last_name):
    name = f"{first_name.split()[0]}.{last_name.split()[0]}".lower()
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() + "@cocrea.test"


def load(stdout):
    now = timezone.now()
    courses = {course.slug: course for course in CoursePage.objects.live().defer_streamfields()}
    municipalities = Municipality.objects.in_bulk(field_name="code")
    plans = [
        (demo_official(email, first_name, last_name, municipalities.get(code), position), plan)
        for email, first_name, last_name, code, position, plan in DEMO_LEARNERS
    ]
    for code, people in yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8")).items():
        for first_name, last_name, position, plan in people:
            email = email_for(first_name, last_name)
            plans.append((demo_official(email, first_name, last_name, municipalities[code], position), plan))
    for learner, plan in plans:
        if learner is None:
            continue
        for slug, share, enrolled_days, active_days in plan:
            course = courses.get(slug)
            if course is None or Enrolment.objects.filter(user=learner, course=course).exists():
                continue
            try:
                live_history(
                    learner, course, share, now - timedelta(days=enrolled_days), now - timedelta(days=active_days)
                )
            except PrerequisitesMissing:
                stdout.write(f"  {learner.email}: prerequisites of {course.title} missing, skipped")
                continue
            stdout.write(f"  {learner.email}: {round(share * 100)} % of {course.title}")
    summary.refresh()


def live_history(learner, course, share, enrolled_at, last_active_at):
    """``learner`` enrols in ``course`` at ``enrolled_at`` and does the first ``share`` of its required items in
    order, the last one at ``last_active_at``."""
    enrolment, _created = course_services.enrol(learner, course)
    required = CourseOutline.load(course, learner).required_items
    todo = required[: round(share * len(required))]
    rng = random.Random(f"{learner.email}/{course.slug}")  # noqa: S311 -- demo data, not a secret
    span = last_active_at - enrolled_at
    moments = []
    for position, item in enumerate(todo, start=1):
        when = enrolled_at + span * position / len(todo)
        moments.append(do_item(learner, item.page, when, rng))
    enrolment.refresh_from_db()
    completed_at = moments[-1] if enrolment.completed_at and moments else None
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=enrolled_at,
        started_at=min(moments) - timedelta(minutes=30) if moments else None,
        last_activity_at=max(moments) if moments else enrolled_at,
        completed_at=completed_at,
    )
    if completed_at:
        issue_certificate(enrolment, completed_at)


def do_item(learner, page, when, rng):
    """Complete one item at ``when`` (a quiz by passing it); returns when it was completed."""
    quiz = quiz_of(page)
    if quiz is None:
        course_services.complete_item(learner, page)
        done_at = when
    else:
        from quizzes.demo import take

        start = when - timedelta(minutes=15)  # submitted a few minutes before ``when``
        if quiz.attempts_allowed != 1 and rng.random() < FAIL_FIRST:
            take(learner, quiz, rng, start - timedelta(hours=2), passing=False)
        done_at = take(learner, quiz, rng, start, passing=True).submitted_at
    Completion.objects.filter(user=learner, item=page).update(completed_at=done_at)
    return done_at


def quiz_of(page):
    from quizzes.models import QuizPage

    return QuizPage.objects.filter(pk=page.pk).first()


def issue_certificate(enrolment, completed_at):
    """The certificate of a completed course, issued the day it was completed (its PDF is made after commit)."""
    from certificates import services
    from certificates.models import Certificate

    certificate = services.issue(enrolment.pk)
    if certificate is not None:
        Certificate.objects.filter(pk=certificate.pk).update(issued_at=completed_at)
