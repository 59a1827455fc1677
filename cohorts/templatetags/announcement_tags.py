"""A learner's newest announcements, on "Mi aprendizaje"."""

from django import template

from cohorts.announcements import visible_to

register = template.Library()


@register.inclusion_tag("cohorts/my_announcements.html", takes_context=True)
def my_announcements(context):
    """``{% my_announcements %}``: the newest announcements of the courses and cohorts of the person signed in."""
    user = getattr(context.get("request"), "user", None)
    return {"announcements": visible_to(user) if user is not None else []}
