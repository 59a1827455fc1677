"""Demo data for the reports: officials in all eleven comunas of Gran Concepción, with courses completed over the
last months, some in progress and a few stalled (``reports/demo/funcionarios.yaml``).

Their records are written with ``courses.services`` through the courses demo's ``follow_course``, as the
officials would make them, so every figure is consistent. Idempotent: existing officials and enrolments are kept.
The summaries are rebuilt at the end, as the periodic task would.
"""

import unicodedata
from datetime import timedelta
from pathlib import Path

import yaml
from django.utils import timezone

from accounts.models import Municipality
from courses.demo import demo_official, follow_course
from courses.models import CoursePage, Enrolment
from courses.services import PrerequisitesMissing

from . import summary

DEMO_FILE = Path(__file__).resolve().parent / "demo" / "funcionarios.yaml"


def email_for(first_name, last_name):
    name = f"{first_name.split()[0]}.{last_name.split()[0]}".lower()
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() + "@cocrea.test"


def load(stdout):
    officials = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    municipalities = Municipality.objects.in_bulk(field_name="code")
    courses = {course.slug: course for course in CoursePage.objects.live().defer_streamfields()}
    now = timezone.now()
    for code, people in officials.items():
        for first_name, last_name, position, plan in people:
            email = email_for(first_name, last_name)
            learner = demo_official(email, first_name, last_name, municipalities[code], position)
            for slug, share, enrolled_days, active_days in plan:
                course = courses.get(slug)
                if course is None or Enrolment.objects.filter(user=learner, course=course).exists():
                    continue
                try:
                    follow_course(
                        learner, course, share, now - timedelta(days=enrolled_days), now - timedelta(days=active_days)
                    )
                except PrerequisitesMissing:
                    stdout.write(f"  {email}: prerequisites of {course.title} missing, skipped")
                    continue
            stdout.write(f"  reports demo official {email} ({municipalities[code].name})")
    summary.refresh()
