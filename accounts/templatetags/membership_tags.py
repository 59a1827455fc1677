"""Template tags for pages of other apps that point to membership decisions (the municipality's report)."""

from django import template

from ..membership import may_decide
from ..models import User

register = template.Library()


@register.inclusion_tag("accounts/pending_members_link.html", takes_context=True)
def pending_members_link(context, municipality):
    """How many people wait to be confirmed as officials of ``municipality``, and the link to decide, for those
    who may decide (nothing for anyone else)."""
    user = context["request"].user
    if not may_decide(user, municipality):
        return {"municipality": None}
    pending = User.objects.pending_members().filter(municipality=municipality).count()
    return {"municipality": municipality, "pending": pending}
