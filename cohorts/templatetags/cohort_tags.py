"""A learner's cohort deadlines, on "Mi aprendizaje" and on a course's page, in the learner's time zone."""

from django import template
from django.db.models import Subquery
from django.utils import timezone

from cohorts.models import Cohort, Preferences, TimeZone, zone_of

register = template.Library()


def deadlines_of(user, course_ids):
    """The open and upcoming cohorts of the person's municipality in ``course_ids`` (courses they are enrolled in and
    have not completed), each with ``closes_local`` (the closing moment in their time zone) and ``days_left_now``.
    One query, none without courses."""
    if not user.is_authenticated or not user.municipality_id or not course_ids:
        return []
    today = timezone.localdate()
    cohorts = (
        Cohort.objects.filter(municipalities=user.municipality_id, closes_on__gte=today, course_id__in=course_ids)
        .annotate(person_zone=Subquery(Preferences.objects.filter(user=user).values("time_zone")[:1]))
        .select_related("course")
        .order_by("closes_on", "title")
    )
    cohorts = list(cohorts)
    for cohort in cohorts:
        cohort.zone = zone_of(cohort.person_zone)
        cohort.zone_label = TimeZone(cohort.zone.key).label
        cohort.closes_local = timezone.localtime(cohort.closes_at, cohort.zone)
        cohort.days_left_now = cohort.days_left(today)
    return cohorts


@register.inclusion_tag("cohorts/deadlines.html", takes_context=True)
def cohort_deadlines(context, course=None, enrolments=()):
    """``{% cohort_deadlines enrolments=in_progress %}`` on the dashboard (the courses in progress), and
    ``{% cohort_deadlines page %}`` on the page of a course the learner is taking."""
    user = getattr(context.get("request"), "user", None)
    if user is None:
        return {"deadlines": []}
    course_ids = [course.pk] if course is not None else [enrolment.course_id for enrolment in enrolments]
    return {"deadlines": deadlines_of(user, course_ids), "one_course": course}
