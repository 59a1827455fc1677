"""Writing report tables as CSV and XLSX: a title row, a row naming the filters used, the columns, every row
and the totals, then the notes about small groups. The cells are exactly those the screen shows.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula; text cells that do
are written with a leading apostrophe so a name typed as a formula stays text.
"""

import csv
import io

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def filters_line(summary):
    if not summary:
        return _("Filters: none (every record in your scope)")
    return _("Filters: %(filters)s") % {"filters": "; ".join(f"{label}: {value}" for label, value in summary)}


def safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def lines(report_title, table, summary):
    """The export's rows, each a list of values, with ``None`` for an empty cell."""
    yield [f"{report_title} · {table.title}"]
    yield [filters_line(summary)]
    yield [table.columns[0], *table.columns[1:]]
    for row in table.rows + table.footer:
        yield [safe(cell.export_value) for cell in row]
    for note in table.notes():
        yield [note]


def to_csv(report_title, table, summary, progress=None):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheet programs read the accents as UTF-8
    writer = csv.writer(buffer)
    for line in lines(report_title, table, summary):
        writer.writerow(["" if value is None else value for value in line])
        if progress:
            progress()
    return buffer.getvalue().encode("utf-8")


def to_xlsx(report_title, table, summary, progress=None):
    # openpyxl (some 10 MB) is loaded by the worker that writes an export, not by every web process.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(table.title))
    for number, line in enumerate(lines(report_title, table, summary)):
        if number in (0, 2):
            cells = []
            for value in line:
                cell = WriteOnlyCell(sheet, value=value)
                cell.font = Font(bold=True)
                cells.append(cell)
            sheet.append(cells)
        else:
            sheet.append(line)
        if progress:
            progress()
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_title(title):
    """Excel refuses sheet names longer than 31 characters or with any of ``[]:*?/\\``."""
    return "".join(" " if character in "[]:*?/\\" else character for character in title)[:31].strip() or "Reporte"


WRITERS = {"csv": to_csv, "xlsx": to_xlsx}


def filename(report_title, table, fmt):
    return f"cocrea-{slugify(report_title)}-{table.key}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def render(report, table, fmt, progress=None):
    """``(bytes, filename, content type)`` for ``table`` of ``report`` in ``fmt``."""
    title = str(report.title())
    content = WRITERS[fmt](title, table, report.filter_summary(), progress)
    return content, filename(title, table, fmt), CONTENT_TYPES[fmt]
