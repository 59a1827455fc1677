"""A learner's newest announcements, on "Mi aprendizaje"."""

from django import template

from cohorts.announcements import visible_to

register = template.Library()


@register.inclusion_tag("cohorts/my_announcements.html", takes_context=True)
def my_announcements(context, enrolments):
    """``{% my_announcements enrolments %}``: the newest announcements of the courses and cohorts of the person
    signed in (``enrolments``: all of theirs)."""
    user = getattr(context.get("request"), "user", None)
    course_ids = [enrolment.course_id for enrolment in enrolments if enrolment.course_id]
    return {"announcements": visible_to(user, course_ids) if user is not None else []}
