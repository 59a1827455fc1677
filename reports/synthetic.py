"""A synthetic data set for the reports benchmark: officials, courses, enrolments with progress, completions.

For benchmarks only (``manage.py generate_report_data``): deterministic for a seed, written with PostgreSQL's
COPY (``bulk_create`` in batches elsewhere). The figures are consistent, as ``courses.services`` would leave them:
each enrolment's items done, percent, start and completion agree with its completions.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Membership, Municipality, User
from accounts.regions import Region
from accounts.roles import COORDINATOR, MINISTRY, TRAINER
from courses.models import Completion, CourseIndexPage, CoursePage, Enrolment, LessonPage, ModulePage
from courses.progress import progress_percent

EMAIL_DOMAIN = "sintetico.test"
POSITIONS = [
    "Dirección de Tránsito",
    "Secplan",
    "Dirección de Obras Municipales",
    "Dirección de Desarrollo Comunitario",
    "Oficina de Medio Ambiente",
    "Departamento de Informática",
    "Oficina de Partes y Transparencia",
    "Administración Municipal",
]
MODULES, LESSONS = 4, 5
BATCH = 5000


@dataclass
class Sizes:
    officials: int
    municipalities: int
    courses: int
    seed: int


def generate(sizes, log=print):
    """Create the data set; returns the counts written. Refuses to run twice on the same database."""
    if User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists():
        raise ValueError("A synthetic data set is already loaded in this database.")
    rng = random.Random(sizes.seed)  # noqa: S311 -- synthetic data, not secrets
    with transaction.atomic():
        municipalities = ensure_municipalities(sizes.municipalities)
        log(f"  {len(municipalities)} municipalities")
        courses = make_courses(sizes.courses)
        log(f"  {len(courses)} courses of {MODULES * LESSONS} lessons")
        make_staff(courses, municipalities[0])
        user_ids = make_officials(sizes.officials, municipalities, rng)
        log(f"  {len(user_ids)} officials")
        enrolments, completions = make_records(user_ids, courses, rng)
        log(f"  {enrolments} enrolments, {completions} lesson completions")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE accounts_user, courses_enrolment, courses_completion")
    return {"officials": len(user_ids), "enrolments": enrolments, "completions": completions}


def ensure_municipalities(count):
    """The comunas there are, plus synthetic ones (named as such) up to ``count``."""
    existing = list(Municipality.objects.order_by("code"))
    taken = {municipality.code for municipality in existing}
    regions = [region.value for region in Region]
    new = []
    number = 0
    while len(existing) + len(new) < count:
        region = regions[number % len(regions)]
        code = f"{region}{900 + number // len(regions):03d}"
        number += 1
        if code not in taken:
            new.append(Municipality(code=code, name=f"Comuna sintética {code}", region=region))
    Municipality.objects.bulk_create(new)
    return list(Municipality.objects.order_by("code"))[:count]


def make_courses(count):
    catalogue = CourseIndexPage.objects.get(locale__language_code="es")
    courses = []
    for number in range(1, count + 1):
        course = catalogue.add_child(
            instance=CoursePage(
                title=f"Curso sintético {number:02d}",
                slug=f"curso-sintetico-{number:02d}",
                summary="Curso generado para medir los reportes.",
                objectives=[("objective", "Medir el tiempo de respuesta de los reportes.")],
                audience="Nadie: datos de prueba.",
                estimated_hours=4,
            )
        )
        lessons = []
        for module_number in range(1, MODULES + 1):
            module = course.add_child(instance=ModulePage(title=f"Módulo {module_number}", summary="Prueba."))
            for lesson_number in range(1, LESSONS + 1):
                lessons.append(
                    module.add_child(
                        instance=LessonPage(title=f"Lección {module_number}.{lesson_number}", estimated_minutes=10)
                    )
                )
        courses.append((course, [(lesson.pk, lesson.title) for lesson in lessons]))
    return courses


def make_staff(courses, municipality):
    """Who the benchmark signs in as: ministry staff, a coordinator and the trainer of the first course."""
    password = make_password(None)
    ministry = User.objects.create(
        email=f"ministerio@{EMAIL_DOMAIN}", first_name="Ministerio", last_name="Sintético", password=password
    )
    ministry.groups.add(MINISTRY.group())
    coordinator = User.objects.create(
        email=f"coordinacion@{EMAIL_DOMAIN}",
        first_name="Coordinación",
        last_name="Sintética",
        municipality=municipality,
        password=password,
        email_confirmed_at=timezone.now(),
        membership=Membership.CONFIRMED,
    )
    coordinator.groups.add(COORDINATOR.group())
    trainer = User.objects.create(
        email=f"formacion@{EMAIL_DOMAIN}", first_name="Formación", last_name="Sintética", password=password
    )
    trainer.groups.add(TRAINER.group())
    CoursePage.trainers.through.objects.create(coursepage_id=courses[0][0].pk, user_id=trainer.pk)


def make_officials(count, municipalities, rng):
    password = make_password(None)
    now = timezone.now()
    rows = (
        (
            f"funcionario{number}@{EMAIL_DOMAIN}",
            f"Funcionario {number}",
            "Sintético",
            rng.choice(municipalities).pk,
            rng.choice(POSITIONS),
            password,
            False,
            False,
            True,
            now,
            now,
            Membership.CONFIRMED,
        )
        for number in range(count)
    )
    fields = [
        "email",
        "first_name",
        "last_name",
        "municipality_id",
        "position",
        "password",
        "is_superuser",
        "is_staff",
        "is_active",
        "date_joined",
        "email_confirmed_at",
        "membership",
    ]
    insert(User, fields, rows)
    return list(
        User.objects.filter(email__startswith="funcionario", email__endswith=f"@{EMAIL_DOMAIN}")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def progress_of(rng, required):
    """How many items an enrolment has done: a quarter finished, a fifth not started, the rest in between."""
    draw = rng.random()
    if draw < 0.28:
        return required
    if draw < 0.48:
        return 0
    return rng.randint(1, required - 1)


def make_records(user_ids, courses, rng):
    """Enrolments and the completions behind them, dated over the last 18 months."""
    now = timezone.now()
    enrolment_rows, completion_rows = [], []
    counts = [0, 0]

    def flush(force=False):
        if enrolment_rows and (force or len(enrolment_rows) >= BATCH):
            insert(Enrolment, ENROLMENT_FIELDS, enrolment_rows)
            counts[0] += len(enrolment_rows)
            enrolment_rows.clear()
        if completion_rows and (force or len(completion_rows) >= BATCH * 10):
            insert(Completion, COMPLETION_FIELDS, completion_rows)
            counts[1] += len(completion_rows)
            completion_rows.clear()

    for user_id in user_ids:
        for course, lessons in rng.sample(courses, rng.randint(1, min(5, len(courses)))):
            required = len(lessons)
            done = progress_of(rng, required)
            enrolled_at = now - timedelta(days=rng.uniform(1, 540))
            span = (now - enrolled_at) * rng.uniform(0.05, 1)
            times = [enrolled_at + span * (number + 1) / (done + 1) for number in range(done)]
            started_at = times[0] if done else None
            completed_at = times[-1] if done == required else None
            last_activity_at = times[-1] if done else enrolled_at
            enrolment_rows.append(
                (
                    user_id,
                    course.pk,
                    course.title,
                    enrolled_at,
                    started_at,
                    completed_at,
                    last_activity_at,
                    required,
                    done,
                    progress_percent(done, required),
                )
            )
            completion_rows.extend(
                (user_id, item_id, title, when) for (item_id, title), when in zip(lessons[:done], times, strict=True)
            )
        flush()
    flush(force=True)
    return counts


ENROLMENT_FIELDS = [
    "user_id",
    "course_id",
    "course_title",
    "enrolled_at",
    "started_at",
    "completed_at",
    "last_activity_at",
    "items_required",
    "items_done",
    "progress_percent",
]
COMPLETION_FIELDS = ["user_id", "item_id", "item_title", "completed_at"]


def insert(model, fields, rows):
    """Write ``rows`` (tuples in the order of ``fields``): COPY on PostgreSQL, ``bulk_create`` elsewhere."""
    if connection.vendor == "postgresql":
        columns = ", ".join(model._meta.get_field(name.removesuffix("_id")).column for name in fields)
        with connection.cursor() as cursor, cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    batch = []
    for row in rows:
        batch.append(model(**dict(zip(fields, row, strict=True))))
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch)
            batch = []
    model.objects.bulk_create(batch)
