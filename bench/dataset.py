"""The load benchmark's data set, on top of the demo: a stated number of officials with a history in the demo
courses, a coordinator per comuna, and fresh learners for each run to read and complete lessons.

Everything is written with ``bulk_create`` in a few statements (no signals, no password hashing): the records are
shaped as ``courses.services`` would leave them (each enrolment's figures match its completions; a course is
complete only when every required item is done). People sign in through sessions made here as the sign-in view
makes them, so no request pays for password hashing during the measurement.

Call ``build()`` once per database and ``learners()`` per run, after ``django.setup()``.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

EMAIL_DOMAIN = "carga.cocrea.test"
#: The history: officials of Gran Concepción who have taken demo courses in the last year.
HISTORY_OFFICIALS = 3000
#: At most this many courses per official in the history, each with a random share of its required items done.
HISTORY_COURSES = 3
SEED = 2014


@dataclass
class Account:
    """A person the load client acts as: their session cookie and where they start."""

    email: str
    session: str
    start: str = ""


def build(stdout=print):
    """The history and the coordinators. Idempotent: does nothing when the history is already there."""
    from accounts.models import User

    if User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists():
        stdout("data set already present")
        return size()
    rng = random.Random(SEED)  # noqa: S311 -- synthetic data
    with transaction.atomic():
        officials = new_officials("historial", HISTORY_OFFICIALS, rng)
        courses = demo_courses()
        now = timezone.now()
        enrolments, completions = [], []
        for official in officials:
            for course, items in rng.sample(courses, rng.randint(1, min(HISTORY_COURSES, len(courses)))):
                enrolled_at = now - timedelta(days=rng.randint(1, 365))
                done = items[: rng.choice([0, rng.randint(0, len(items)), len(items)])]
                record = history_enrolment(official, course, items, done, enrolled_at, now, rng)
                enrolments.append(record)
                completions += history_completions(official, done, record)
        from courses.models import Completion, Enrolment

        Enrolment.objects.bulk_create(enrolments, batch_size=2000)
        Completion.objects.bulk_create(completions, batch_size=5000)
        coordinators()
    with connection.cursor() as cursor:  # planner statistics, as autovacuum would have them
        cursor.execute("ANALYZE")
    return size()


def size():
    from accounts.models import User
    from courses.models import Completion, CoursePage, Enrolment, LessonPage

    return {
        "users": User.objects.count(),
        "courses": CoursePage.objects.live().count(),
        "lessons": LessonPage.objects.live().count(),
        "enrolments": Enrolment.objects.count(),
        "completions": Completion.objects.count(),
        "history_officials": HISTORY_OFFICIALS,
    }


def demo_courses():
    """Each published course with its required items in outline order."""
    from courses.models import CoursePage
    from courses.outline import CourseOutline

    courses = CoursePage.objects.live().order_by("path")
    return [(course, [item.page for item in CourseOutline.load(course).required_items]) for course in courses]


def new_officials(tag, count, rng, comunas=None, positions=("Dirección de Tránsito",)):
    """``count`` officials of ``comunas`` (default: Gran Concepción's, at random), their positions in turn."""
    from accounts.gran_concepcion import GRAN_CONCEPCION
    from accounts.models import Membership, Municipality, User
    from accounts.roles import OFFICIAL

    codes = comunas or [code for code, _name in GRAN_CONCEPCION]
    comunas = list(Municipality.objects.filter(code__in=codes).order_by("code"))
    now = timezone.now()
    users = User.objects.bulk_create(
        User(
            email=f"{tag}.{number}@{EMAIL_DOMAIN}",
            first_name="Funcionaria",
            last_name=f"de carga {number}",
            municipality=rng.choice(comunas),
            position=positions[number * len(positions) // count],
            privacy_accepted_at=now,
            email_confirmed_at=now,
            membership=Membership.CONFIRMED,
            password=make_password(None),  # unusable: they sign in through sessions made here
        )
        for number in range(count)
    )
    membership = User.groups.through
    membership.objects.bulk_create(membership(user=user, group=OFFICIAL.group()) for user in users)
    return users


def history_enrolment(official, course, items, done, enrolled_at, now, rng):
    from courses.models import Enrolment
    from courses.progress import progress_percent

    last = enrolled_at + (now - enrolled_at) * rng.random()
    complete = bool(items) and len(done) == len(items)
    return Enrolment(
        user=official,
        course=course,
        course_title=course.title,
        enrolled_at=enrolled_at,
        started_at=enrolled_at if done else None,
        completed_at=last if complete else None,
        last_activity_at=last if done else enrolled_at,
        items_required=len(items),
        items_done=len(done),
        progress_percent=progress_percent(len(done), len(items)),
    )


def history_completions(official, done, enrolment):
    from courses.models import Completion

    span = enrolment.last_activity_at - enrolment.enrolled_at
    return [
        Completion(
            user=official,
            item=item,
            item_title=item.title,
            completed_at=enrolment.enrolled_at + span * number / len(done),
        )
        for number, item in enumerate(done, start=1)
    ]


def coordinators():
    """One coordinator per comuna of Gran Concepción."""
    from accounts.gran_concepcion import GRAN_CONCEPCION
    from accounts.models import Membership, Municipality, User
    from accounts.roles import COORDINATOR

    comunas = Municipality.objects.filter(code__in=[code for code, _name in GRAN_CONCEPCION]).order_by("code")
    users = User.objects.bulk_create(
        User(
            email=f"coordinacion.{comuna.code}@{EMAIL_DOMAIN}",
            first_name="Coordinación",
            last_name=comuna.name,
            municipality=comuna,
            position="Secplan",
            privacy_accepted_at=timezone.now(),
            email_confirmed_at=timezone.now(),
            membership=Membership.CONFIRMED,
            password=make_password(None),
        )
        for comuna in comunas
    )
    membership = User.groups.through
    membership.objects.bulk_create(membership(user=user, group=COORDINATOR.group()) for user in users)


def learners(tag, count, course_slugs, comunas=None):
    """``count`` new officials, each enrolled (nothing done yet) in one of ``course_slugs`` in turn, signed in.

    Their ``start`` is the course's first required item. Used by the scenarios that read and complete lessons:
    every run gets learners of its own, so expected records are easy to count.
    """
    from courses.models import Enrolment

    rng = random.Random(f"{SEED}-{tag}")  # noqa: S311
    courses = [(course, items) for course, items in demo_courses() if course.slug in course_slugs and items]
    officials = new_officials(tag, count, rng, comunas)
    now = timezone.now()
    pairs = [(official, courses[number % len(courses)]) for number, official in enumerate(officials)]
    Enrolment.objects.bulk_create(
        Enrolment(
            user=official,
            course=course,
            course_title=course.title,
            enrolled_at=now,
            last_activity_at=now,
            items_required=len(items),
        )
        for official, (course, items) in pairs
    )
    sessions = sign_in([official for official, _course in pairs])
    with connection.cursor() as cursor:  # as autovacuum would: thousands of new rows change the best plans
        cursor.execute("ANALYZE accounts_user, courses_enrolment, django_session")
    return [
        Account(official.email, session, items[0].url)
        for (official, (_course, items)), session in zip(pairs, sessions, strict=True)
    ]


def coordinator_accounts():
    from accounts.models import User

    people = list(User.objects.filter(email__startswith="coordinacion.", email__endswith=f"@{EMAIL_DOMAIN}"))
    return [Account(person.email, session) for person, session in zip(people, sign_in(people), strict=True)]


def sign_in(users):
    """A session per user, holding what ``django.contrib.auth.login`` stores; returns the session keys."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    Session = store.get_model_class()  # noqa: N806 -- a model class
    expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    backend = "accounts.backends.EmailBackend"
    sessions = [
        Session(
            session_key=get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789"),
            session_data=store().encode(
                {
                    SESSION_KEY: str(user.pk),
                    BACKEND_SESSION_KEY: backend,
                    HASH_SESSION_KEY: user.get_session_auth_hash(),
                }
            ),
            expire_date=expires,
            person_id=user.pk,
        )
        for user in users
    ]
    Session.objects.bulk_create(sessions)
    return [session.session_key for session in sessions]
