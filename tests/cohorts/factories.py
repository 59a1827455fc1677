"""Cohorts and people in them, for the cohorts' tests."""

import datetime
import itertools

import factory
import time_machine
from django.utils import timezone

from cohorts.models import Cohort
from courses import services
from courses.models import Enrolment
from tests.courses.factories import lessons_of

#: Tests with a frozen clock stop it a few microseconds apart, counted here for every test module: the published
#: site's generations are numbered by the clock (``core.generations``), and two tests starting at the very same
#: instant (in two modules with counters of their own) would share what was cached.
APART = itertools.count(1)
#: Wednesday 19 May 2027, 10:00 in Santiago (UTC-4 in May), 8:00 on Easter Island (UTC-6).
MORNING = datetime.datetime(2027, 5, 19, 14, 0, tzinfo=datetime.UTC)


def frozen(moment=MORNING):
    """The clock stopped at ``moment`` (a few microseconds after it: see ``APART``), for a ``with`` block."""
    return time_machine.travel(moment + datetime.timedelta(microseconds=next(APART)), tick=False)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Convocatoria {n}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))

    @factory.post_generation
    def municipalities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.municipalities.set(extracted)


def in_course(learner, course, done=0, enrolled_days_ago=0, active_days_ago=None):
    """Enrol ``learner``, complete the first ``done`` lessons, then date the enrolment back."""
    enrolment = services.enrol(learner, course)[0]
    for lesson in lessons_of(course)[:done]:
        services.complete_item(learner, lesson)
    now = timezone.now()
    enrolled_at = now - datetime.timedelta(days=enrolled_days_ago)
    changes = {"enrolled_at": enrolled_at}
    if active_days_ago is not None:
        changes["last_activity_at"] = now - datetime.timedelta(days=active_days_ago)
        if enrolment.started_at or done:
            changes["started_at"] = min(enrolled_at, changes["last_activity_at"])
    else:
        changes["last_activity_at"] = enrolled_at if not done else now
    Enrolment.objects.filter(pk=enrolment.pk).update(**changes)
    enrolment.refresh_from_db()
    return enrolment
