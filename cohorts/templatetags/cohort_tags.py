"""A learner's cohort deadlines, on "Mi aprendizaje" and on a course's page, in the learner's time zone."""

from django import template
from django.utils import timezone

from cohorts.kept import kept_for_comuna
from cohorts.models import Cohort, Preferences, TimeZone, zone_of

register = template.Library()


def deadlines_of(user, course_ids):
    """The open and upcoming cohorts of the person's municipality in ``course_ids`` (courses they are enrolled in and
    have not completed), each with ``closes_local`` (the closing moment in their time zone) and ``days_left_now``.
    The cohorts are kept for everyone of the comuna (``cohorts.kept``); the person's time zone is one query, none
    without cohorts."""
    if not user.is_authenticated or not user.municipality_id or not course_ids:
        return []
    today = timezone.localdate()
    course_ids = sorted(set(course_ids))
    cohorts = kept_for_comuna(
        ("deadlines", user.municipality_id, today.isoformat(), *course_ids),
        lambda: list(
            Cohort.objects.filter(municipalities=user.municipality_id, closes_on__gte=today, course_id__in=course_ids)
            .select_related("course")
            .only("title", "course_id", "closes_on", "course__title")
            .order_by("closes_on", "title")
        ),
    )
    if cohorts:
        zone = zone_of(Preferences.objects.filter(user=user).values_list("time_zone", flat=True).first())
        zone_label = TimeZone(zone.key).label
    for cohort in cohorts:
        cohort.zone = zone
        cohort.zone_label = zone_label
        cohort.closes_local = timezone.localtime(cohort.closes_at, zone)
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
