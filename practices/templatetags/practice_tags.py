"""The practices' figures in the reports: counts within the reader's scope, published or not."""

from django import template
from django.db.models import Count

from ..access import visible_in_scope
from ..models import Status

register = template.Library()

#: The column of the reports' practice tables that counts a practice in each state.
COLUMNS = {
    Status.ACCEPTED: "accepted",
    Status.SUBMITTED: "waiting",
    Status.DRAFT: "other",
    Status.CHANGES_REQUESTED: "other",
}

#: A group before its first practice.
EMPTY = {"accepted": 0, "waiting": 0, "other": 0, "published": 0}


def tally(rows, names):
    """``rows`` of (group…, status, published, practices), read in the order shown, folded into one row of counts
    per group: a plain count per state is cheaper for the database and the ORM than a filtered count per column."""
    tallied = {}
    for *group, status, published, practices in rows:
        row = tallied.get(tuple(group))
        if row is None:
            row = tallied[tuple(group)] = dict(zip(names, group, strict=True), **EMPTY)
        if status in COLUMNS:
            row[COLUMNS[status]] += practices
        if status == Status.ACCEPTED and published:
            row["published"] += practices
    return list(tallied.values())


@register.inclusion_tag("practices/report_counts.html", takes_context=True)
def practice_counts(context, municipality_code=None):
    """Accepted vs waiting per comuna and per method, for coordinators (their comuna) and the ministry (all)."""
    user = context["request"].user
    practices = visible_in_scope(user)
    if municipality_code:
        practices = practices.filter(municipality__code=municipality_code)
    comuna = ("municipality__name", "municipality__code")
    by_comuna = tally(
        practices.order_by(*comuna).values_list(*comuna, "status", "published").annotate(practices=Count("pk")),
        comuna,
    )
    # A practice counts once per method title (two methods may share one), whatever its other methods.
    by_method = tally(
        practices.filter(methods__isnull=False)
        .order_by("methods__title")
        .values_list("methods__title", "status", "published")
        .annotate(practices=Count("pk", distinct=True)),
        ("methods__title",),
    )
    by_method.sort(key=lambda row: -row["accepted"])  # stable: titles stay in the database's order
    return {"by_comuna": by_comuna, "by_method": by_method[:20]}
