"""The one rounding rule for the percentages the site shows, to learners and in reports alike.

A share ``part / whole`` is rounded **half up** to the number of decimals shown (11 of 12 is 92 %, 7 of 13 is
53,8 %), with two guards so that a rounded figure never says something false: a share below the whole never reads
as 100, and a share above nothing never reads as 0 (199 of 200 is 99 %, not 100 %; 1 of 300 is 1 %, not 0 %).
``percent`` applies the rule in Python; ``percent_expression`` is the same rule for the database, for figures
stored on many rows at once. Both are tested against each other.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Greatest, Least
from django.db.models.lookups import GreaterThan, LessThan, LessThanOrEqual


def percent(part, whole, decimals=0):
    """``part`` of ``whole`` as a percentage under the site's rule: an ``int`` with no decimals, else a ``float``;
    ``None`` when ``whole`` is zero (a share of nothing is no figure)."""
    if not whole:
        return None
    step = Decimal(1).scaleb(-decimals)
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(step, rounding=ROUND_HALF_UP)
    if part < whole:
        value = min(value, 100 - step)
    if part > 0:
        value = max(value, step)
    return int(value) if decimals == 0 else float(value)


def percent_expression(part, whole):
    """``percent(part, whole)`` with no decimals as a database expression over two integer expressions, 0 when
    ``whole`` is 0 (as a stored progress is). In integer arithmetic ``(200 · part + whole) div (2 · whole)`` is
    ``part · 100 / whole`` rounded half up; the guards are those of ``percent``."""
    rounded = (part * 200 + whole) / (whole * 2)
    at_most = Case(When(LessThan(part, whole), then=Value(99)), default=Value(100))
    at_least = Case(When(GreaterThan(part, Value(0)), then=Value(1)), default=Value(0))
    return Case(
        When(LessThanOrEqual(whole, Value(0)), then=Value(0)),
        default=Greatest(Least(rounded, at_most), at_least),
        output_field=IntegerField(),
    )
