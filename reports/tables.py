"""Report tables: the one structure the screen renders and the CSV/XLSX exports write, so both always agree.

A ``Cell`` holds the figure (``value``, what a spreadsheet gets) and how it reads (``text``). Figures about a
small group (fewer than ``SMALL_GROUP`` people) are marked for ministry staff and withheld from everyone else.
"""

import functools
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.percentages import percent

SMALL_GROUP = 5
SMALL_MARK = "*"
WITHHELD = "< 5"
SMALL_GROUP_NOTE = _("* Fewer than 5 people: read with care, and do not share outside the ministry.")
WITHHELD_NOTE = _("< 5: fewer than 5 people; the figure is not shown.")
FLAG_COLUMN = _("Small group (fewer than 5 people)")
FLAG_YES = _("yes")
FLAG_WITHHELD = _("yes, not shown")


def decimal_text(value, decimals=1, language=None):
    """``value`` with ``decimals`` decimals and the language's separator ("33,3" in Spanish). A matrix has
    thousands of figures: ``formats.number_format`` for each would cost more than the database does (and a table
    of many passes the current ``language``, read once for all its rows)."""
    language = language or get_language()
    separator = DECIMAL_SEPARATORS.get(language) or DECIMAL_SEPARATORS.setdefault(
        language, formats.get_format("DECIMAL_SEPARATOR")
    )
    return f"{value:.{decimals}f}".replace(".", separator)


DECIMAL_SEPARATORS = {}


class Kind:
    """What a cell holds, which decides how a spreadsheet gets it (a number with a format, a date, text) and how
    the screen aligns it (figures to the right, in tabular digits)."""

    TEXT = "text"
    COUNT = "count"
    PERCENT = "percent"  # ``value`` in percent units (53.8), rounded as shown
    DECIMAL = "decimal"
    DATE = "date"
    MONTH = "month"  # ``value`` is the first day of the month

    FIGURES = (COUNT, PERCENT, DECIMAL)


@dataclass
class Cell:
    value: object = None
    text: str = ""
    href: str = ""
    small: bool = False  # about fewer than five people, shown to ministry staff with a mark
    withheld: bool = False  # about fewer than five people, hidden from this role
    header: bool = False  # the row's heading (a name), rendered as <th scope="row">
    kind: str = Kind.TEXT
    exact: str = ""  # the exact fraction a rounded percentage stands for ("7 of 13"), shown as its tooltip

    @property
    def is_figure(self):
        return self.kind in Kind.FIGURES

    @property
    def export_value(self):
        """What a spreadsheet cell holds: a figure as a number (so it adds up), a date as a date, anything else as
        the screen writes it; nothing for a withheld figure (its flag says why)."""
        if self.withheld:
            return None
        if self.kind in (*Kind.FIGURES, Kind.DATE, Kind.MONTH):
            return self.value
        return self.text or None


def text_cell(value, href="", header=False):
    value = "" if value is None else str(value)
    return Cell(value, value, href=href, header=header)


def count_cell(value, people=None, sees_small=True):
    """A count; ``people`` is how many people the figure describes (the group it was computed over)."""
    small = people is not None and 0 < people < SMALL_GROUP
    if small and not sees_small:
        return Cell(None, WITHHELD, withheld=True, kind=Kind.COUNT)
    return Cell(value, "" if value is None else str(value), small=small, kind=Kind.COUNT)


def percent_cell(part, whole, people=None, sees_small=True, language=None):
    """``part`` of ``whole`` as a percentage with one decimal under the site's rounding rule, the exact fraction
    as its tooltip; ``people`` as for ``count_cell``, ``language`` as for ``decimal_text``."""
    small = people is not None and 0 < people < SMALL_GROUP
    if small and not sees_small:
        return Cell(None, WITHHELD, withheld=True, kind=Kind.PERCENT)
    value = percent(part, whole, 1)
    if value is None:
        return Cell(None, "—", small=small, kind=Kind.PERCENT)
    language = language or get_language()
    exact = exact_text(language) % {"part": part, "whole": whole}
    return Cell(value, f"{decimal_text(value, language=language)} %", small=small, kind=Kind.PERCENT, exact=exact)


@functools.lru_cache(maxsize=16)
def exact_text(language):
    """The tooltip of a percentage ("%(part)s of %(whole)s") in ``language``, translated once, not once a cell."""
    return gettext("%(part)s of %(whole)s")


def decimal_cell(value, decimals=1):
    if value is None:
        return Cell(None, "—", kind=Kind.DECIMAL)
    value = round(value, decimals)
    return Cell(value, decimal_text(value, decimals), kind=Kind.DECIMAL)


def date_cell(value, zone=None, language=None):
    """A day, or a moment as the day it was in ``zone``; a table of many dates passes the current time zone and
    language, read once for all its rows."""
    if value is None:
        return Cell(None, "—", kind=Kind.DATE)
    local = timezone.localdate(value, zone) if hasattr(value, "tzinfo") and timezone.is_aware(value) else value
    local = local.date() if hasattr(local, "date") else local
    return Cell(local, short_date(local, language or get_language()), kind=Kind.DATE)


@functools.lru_cache(maxsize=4096)
def short_date(day, language):
    """A day as the language writes it ("3/10/2026"): a page of a report writes a hundred, mostly the same few."""
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def forget_formats(**kwargs):
    """A test changed the settings (formats, languages): dates, decimals and tooltips are written afresh."""
    short_date.cache_clear()
    exact_text.cache_clear()
    DECIMAL_SEPARATORS.clear()


def month_cell(month):
    return Cell(month, formats.date_format(month, "YEAR_MONTH_FORMAT"), header=True, kind=Kind.MONTH)


@dataclass
class Table:
    """A titled table: column labels, body rows and footer rows (totals), each a list of ``Cell``."""

    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    footer: list = field(default_factory=list)
    description: str = ""

    @property
    def has_small_groups(self):
        return any(cell.small for row in self.rows + self.footer for cell in row)

    @property
    def has_withheld(self):
        return any(cell.withheld for row in self.rows + self.footer for cell in row)

    def flags(self, row):
        """The row's small-group flag for a spreadsheet, which has no room for a mark beside a number: "yes" when
        every figure of the row is about a small group, else the columns that are; "" when none is."""
        flagged = [index for index, cell in enumerate(row) if cell.small or cell.withheld]
        if not flagged:
            return ""
        figures = [index for index, cell in enumerate(row) if cell.is_figure]
        withheld = any(row[index].withheld for index in flagged)
        if flagged == figures:
            return str(FLAG_WITHHELD if withheld else FLAG_YES)
        return "; ".join(str(self.columns[index]) for index in flagged)

    def notes(self):
        notes = []
        if self.has_small_groups:
            notes.append(str(SMALL_GROUP_NOTE))
        if self.has_withheld:
            notes.append(str(WITHHELD_NOTE))
        return notes
