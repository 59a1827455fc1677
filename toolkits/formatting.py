"""How a method's time and group size read: "45 min – 1 h 30 min", "2–6 meses", "50 personas o más".

Durations are stored in working minutes (a day is 480, a week 2,400, a month about 9,600, a year about 115,200),
so a two-month mentoring and a 20-minute vote can be compared, sorted and banded.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext

DAY = 480
WEEK = 5 * DAY
MONTH = 4 * WEEK
YEAR = 12 * MONTH

UNITS = [
    # (minutes in the unit, singular/plural builder)
    (YEAR, lambda n: npgettext("duration", "year", "years", n)),
    (MONTH, lambda n: npgettext("duration", "month", "months", n)),
    (WEEK, lambda n: npgettext("duration", "week", "weeks", n)),
    (DAY, lambda n: npgettext("duration", "day", "days", n)),
]


def _in_unit(minutes):
    """``(number, unit size, unit name)`` for a long duration, rounded to halves; ``None`` under a day."""
    for size, name in UNITS:
        if minutes >= size:
            amount = round(minutes * 2 / size) / 2
            count = int(amount) if amount.is_integer() else 2
            text = number_format(int(amount) if amount.is_integer() else amount, decimal_pos=None)
            return text, size, name(count)
    return None


def _short(minutes):
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": rest}
    if not rest:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}


def format_minutes(minutes):
    long = _in_unit(minutes)
    return f"{long[0]} {long[2]}" if long else _short(minutes)


def format_duration(low, high):
    """A range of minutes in the largest unit that reads naturally: "2–3 h", "45 min – 1 h 30 min", "1–2 días"."""
    if low == high:
        return format_minutes(low)
    long_low, long_high = _in_unit(low), _in_unit(high)
    if long_low and long_high and long_low[1] == long_high[1]:
        return f"{long_low[0]}–{long_high[0]} {long_high[2]}"
    if not long_low and not long_high and low % 60 == 0 and high % 60 == 0:
        return _("%(low)s–%(high)s h") % {"low": low // 60, "high": high // 60}
    if high < 60:
        return _("%(low)s–%(high)s min") % {"low": low, "high": high}
    return f"{format_minutes(low)} – {format_minutes(high)}"


def format_group(low, high):
    if high is None:
        return ngettext("%(count)s person or more", "%(count)s people or more", low) % {"count": low}
    if low == high:
        return ngettext("%(count)s person", "%(count)s people", low) % {"count": low}
    return _("%(low)s–%(high)s people") % {"low": low, "high": high}
