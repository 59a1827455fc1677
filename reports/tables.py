"""Report tables: the one structure the screen renders and the CSV/XLSX exports write, so both always agree.

A ``Cell`` holds the figure (``value``, what a spreadsheet gets) and how it reads (``text``). Figures about a
small group (fewer than ``SMALL_GROUP`` people) are marked for ministry staff and withheld from everyone else.
"""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SMALL_GROUP = 5
SMALL_MARK = "*"
WITHHELD = "< 5"
SMALL_GROUP_NOTE = _("* Fewer than 5 people: read with care, and do not share outside the ministry.")
WITHHELD_NOTE = _("< 5: fewer than 5 people; the figure is not shown.")


def decimal_text(value, decimals=1):
    """``value`` with ``decimals`` decimals and the language's separator ("33,3" in Spanish). A matrix has
    thousands of figures: ``formats.number_format`` for each would cost more than the database does."""
    separator = DECIMAL_SEPARATORS.get(get_language()) or DECIMAL_SEPARATORS.setdefault(
        get_language(), formats.get_format("DECIMAL_SEPARATOR")
    )
    return f"{value:.{decimals}f}".replace(".", separator)


DECIMAL_SEPARATORS = {}


@dataclass
class Cell:
    value: object = None
    text: str = ""
    href: str = ""
    small: bool = False  # about fewer than five people, shown to ministry staff with a mark
    withheld: bool = False  # about fewer than five people, hidden from this role
    header: bool = False  # the row's heading (a name), rendered as <th scope="row">

    @property
    def export_value(self):
        """What a spreadsheet cell holds: a figure as a number (so it adds up), anything else as the screen
        writes it (names, dates, months); a figure about a small group as its text with the mark."""
        if self.withheld:
            return WITHHELD
        if self.small:
            return f"{self.text} {SMALL_MARK}"
        if isinstance(self.value, int | float) and not isinstance(self.value, bool):
            return self.value
        return self.text or None


def text_cell(value, href="", header=False):
    value = "" if value is None else str(value)
    return Cell(value, value, href=href, header=header)


def count_cell(value, people=None, sees_small=True):
    """A count; ``people`` is how many people the figure describes (the group it was computed over)."""
    small = people is not None and 0 < people < SMALL_GROUP
    if small and not sees_small:
        return Cell(None, WITHHELD, withheld=True)
    return Cell(value, "" if value is None else str(value), small=small)


def percent_cell(value, people=None, sees_small=True):
    small = people is not None and 0 < people < SMALL_GROUP
    if small and not sees_small:
        return Cell(None, WITHHELD, withheld=True)
    if value is None:
        return Cell(None, "—", small=small)
    value = round(value, 1)
    return Cell(value, f"{decimal_text(value)} %", small=small)


def date_cell(value):
    if value is None:
        return Cell(None, "—")
    local = value.date() if hasattr(value, "date") else value
    return Cell(local, formats.date_format(local, "SHORT_DATE_FORMAT"))


def rate(part, whole):
    return part * 100 / whole if whole else None


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

    def notes(self):
        notes = []
        if self.has_small_groups:
            notes.append(str(SMALL_GROUP_NOTE))
        if self.has_withheld:
            notes.append(str(WITHHELD_NOTE))
        return notes
