"""The practices' figures in the reports: counts within the reader's scope, published or not."""

from django import template
from django.db.models import Count, Q

from ..access import visible_in_scope
from ..models import Status

register = template.Library()


@register.inclusion_tag("practices/report_counts.html", takes_context=True)
def practice_counts(context, municipality_code=None):
    """Accepted vs waiting per comuna and per method, for coordinators (their comuna) and the ministry (all)."""
    user = context["request"].user
    practices = visible_in_scope(user)
    if municipality_code:
        practices = practices.filter(municipality__code=municipality_code)
    statuses = {
        "accepted": Count("pk", filter=Q(status=Status.ACCEPTED), distinct=True),
        "waiting": Count("pk", filter=Q(status=Status.SUBMITTED), distinct=True),
        "other": Count("pk", filter=Q(status__in=[Status.DRAFT, Status.CHANGES_REQUESTED]), distinct=True),
        "published": Count("pk", filter=Q(status=Status.ACCEPTED, published=True), distinct=True),
    }
    by_comuna = list(
        practices.order_by()
        .values("municipality__name", "municipality__code")
        .annotate(**statuses)
        .order_by("municipality__name")
    )
    by_method = list(
        practices.filter(methods__isnull=False)
        .order_by()
        .values("methods__title")
        .annotate(**statuses)
        .order_by("-accepted", "methods__title")[:20]
    )
    return {"by_comuna": by_comuna, "by_method": by_method}
