"""How long a course's progress recompute takes (what runs in Celery after its published structure changes), and
how long one learner's "Marcar como completada" write takes, at a given number of enrolments.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cocrea_bench .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cocrea_bench .venv/bin/python bench/recompute_progress.py \
        --learners 100000 --modules 4 --lessons 5

Everything is created inside one transaction that is rolled back at the end: the database is left as it was.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Municipality, User  # noqa: E402
from courses import services  # noqa: E402
from courses.models import Completion, CourseIndexPage, CoursePage, Enrolment, LessonPage, ModulePage  # noqa: E402


class Rollback(Exception):
    pass


def build(learners, modules, lessons, rng):
    catalogue = CourseIndexPage.objects.get(locale__language_code="es")
    course = catalogue.add_child(
        instance=CoursePage(
            title="Curso de prueba de carga",
            summary="Prueba.",
            objectives=[("objective", "Medir.")],
            audience="Nadie.",
            estimated_hours=1,
        )
    )
    items = []
    for m in range(modules):
        module = course.add_child(instance=ModulePage(title=f"Módulo {m}"))
        for n in range(lessons):
            items.append(module.add_child(instance=LessonPage(title=f"Lección {m}.{n}", estimated_minutes=10)))
    municipality = Municipality.objects.first()
    users = User.objects.bulk_create(
        User(email=f"carga{i}@bench.test", first_name="Carga", last_name=str(i), municipality=municipality)
        for i in range(learners)
    )
    now = timezone.now()
    Enrolment.objects.bulk_create(
        (Enrolment(user=user, course=course, course_title=course.title, last_activity_at=now) for user in users),
        batch_size=5000,
    )
    for start in range(0, len(users), 2000):
        Completion.objects.bulk_create(
            Completion(user=user, item=item, item_title=item.title)
            for user in users[start : start + 2000]
            for item in items[: rng.randint(0, len(items))]
        )
    return course, items, users


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--modules", type=int, default=4)
    parser.add_argument("--lessons", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2014)
    options = parser.parse_args()
    rng = random.Random(options.seed)  # noqa: S311 -- synthetic data
    try:
        with transaction.atomic():
            started = time.perf_counter()
            course, items, users = build(options.learners, options.modules, options.lessons, rng)
            if connection.vendor == "postgresql":  # planner statistics, as autovacuum would have them
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE courses_enrolment, courses_completion")
            print(
                f"data: {options.learners} enrolments, {Completion.objects.count()} completions "
                f"in {time.perf_counter() - started:.1f} s"
            )
            started = time.perf_counter()
            changed = services.recompute_course_progress(course.pk)
            print(f"recompute (first, {changed} enrolments changed): {time.perf_counter() - started:.2f} s")
            started = time.perf_counter()
            changed = services.recompute_course_progress(course.pk)
            print(f"recompute (nothing to change, {changed} changed): {time.perf_counter() - started:.2f} s")
            learner = users[-1]
            timings = []
            for item in items:
                started = time.perf_counter()
                services.complete_item(learner, item)
                timings.append(time.perf_counter() - started)
            timings.sort()
            print(f"complete_item: median {timings[len(timings) // 2] * 1000:.1f} ms over {len(timings)} items")
            raise Rollback
    except Rollback:
        print("rolled back")


if __name__ == "__main__":
    main()
