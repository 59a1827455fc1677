"""Writing report tables as XLSX and CSV that open ready to use in a spreadsheet, in Chile as anywhere.

Both files hold exactly the cells the screen shows (``reports.tables.Table``), under one header row:

- XLSX: figures as numbers with number formats (percentages as ``0.0%``, which a Spanish Excel shows as
  "53,8 %"), dates as dates, the small-group flag in its own column, the header frozen and filterable, columns as
  wide as their contents. The totals sit below the filtered rows, so that sorting leaves them in place. A second
  sheet says which report, which filters and which moment (also in the file's properties).
- CSV: for the Spanish interface what a Chilean Excel opens by double-click: UTF-8 with a byte order mark, ``;``
  between fields and a decimal comma; the English interface keeps ``,`` and a decimal point. The report, filters
  and moment follow the table after an empty line.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula; text cells that do
are written with a leading apostrophe so a name typed as a formula stays text.
"""

import csv
import io
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .tables import FLAG_COLUMN, Kind

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: Excel number formats; Excel shows them with the reader's own separators ("53,8 %" in Spanish). Counts keep
#: Excel's general format (a whole number shows as one), so a cell object is made only where a format is needed.
NUMBER_FORMATS = {
    Kind.PERCENT: "0.0%",
    Kind.DECIMAL: "0.0",
    Kind.DATE: "dd-mm-yyyy",
    Kind.MONTH: "mmmm yyyy",
}
MAX_WIDTH = 60


@dataclass
class About:
    """What an export is: the report and table, the filters used and the moment of the figures."""

    report_title: str
    table_title: str
    filters: list
    moment: object

    def lines(self):
        return [
            (_("Report"), f"{self.report_title} · {self.table_title}"),
            (_("Filters"), filters_text(self.filters)),
            (_("Figures as of"), formats.date_format(timezone.localtime(self.moment), "DATETIME_FORMAT")),
        ]


def filters_text(summary):
    if not summary:
        return _("none (every record in your scope)")
    return "; ".join(f"{label}: {value}" for label, value in summary)


def safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def flagged(table):
    return table.has_small_groups or table.has_withheld


def header(table):
    return [str(column) for column in table.columns] + ([str(FLAG_COLUMN)] if flagged(table) else [])


def rows(table):
    """Each body and footer row as (cells, flag or None when the table has no small groups)."""
    with_flags = flagged(table)
    for row in table.rows + table.footer:
        yield row, (table.flags(row) if with_flags else None)


class CsvDialect:
    """The CSV conventions of the interface's language: Spanish spreadsheets expect ``;`` and a decimal comma."""

    def __init__(self, language):
        self.spanish = (language or "").startswith("es")
        self.delimiter = ";" if self.spanish else ","
        self.decimal = "," if self.spanish else "."

    def value(self, cell):
        value = cell.export_value
        if value is None:
            return ""
        if cell.kind == Kind.COUNT:
            return str(value)
        if cell.kind == Kind.PERCENT:
            return f"{value:.1f}%".replace(".", self.decimal)
        if cell.kind == Kind.DECIMAL:
            return f"{value:.1f}".replace(".", self.decimal)
        if cell.kind == Kind.DATE:
            return value.strftime("%d-%m-%Y" if self.spanish else "%Y-%m-%d")
        if cell.kind == Kind.MONTH:
            return cell.text
        return safe(value)


def to_csv(about, table, progress=None):
    dialect = CsvDialect(get_language())
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheet programs read the accents as UTF-8
    writer = csv.writer(buffer, delimiter=dialect.delimiter)
    writer.writerow(header(table))
    for row, flag in rows(table):
        writer.writerow([dialect.value(cell) for cell in row] + ([flag] if flag is not None else []))
        if progress:
            progress()
    writer.writerow([])
    for label, value in about.lines():
        writer.writerow([f"{label}: {value}"])
    for note in table.notes():
        writer.writerow([note])
    return buffer.getvalue().encode("utf-8")


def to_xlsx(about, table, progress=None):
    # openpyxl (some 10 MB) is loaded by the worker that writes an export, not by every web process.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns = header(table)
    widths = [len(column) for column in columns]
    lines = []
    for row, flag in rows(table):
        values = [(cell.kind, xlsx_value(cell), cell.text) for cell in row]
        if flag is not None:
            values.append((Kind.TEXT, flag or None, flag))
        for index, (_kind, _value, text) in enumerate(values):
            widths[index] = max(widths[index], len(text or ""))
        lines.append(values)

    workbook = Workbook(write_only=True)
    workbook.properties.title = f"{about.report_title} · {about.table_title}"
    workbook.properties.subject = filters_text(about.filters)
    workbook.properties.created = timezone.localtime(about.moment).replace(tzinfo=None)
    workbook.properties.creator = "Cocrea"
    sheet = workbook.create_sheet(title=sheet_title(table.title))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 3, MAX_WIDTH)
    sheet.freeze_panes = "B2"
    last_column = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last_column}{len(table.rows) + 1}"
    bold, wrapped = Font(bold=True), Alignment(wrap_text=True, vertical="top")

    def styled(value, font=None, number_format=None, alignment=None):
        cell = WriteOnlyCell(sheet, value=value)
        if font:
            cell.font = font
        if number_format:
            cell.number_format = number_format
        if alignment:
            cell.alignment = alignment
        return cell

    sheet.append([styled(column, bold, alignment=wrapped) for column in columns])
    for number, values in enumerate(lines):
        in_footer = number >= len(table.rows)
        sheet.append(
            [
                styled(value, bold if in_footer else None, NUMBER_FORMATS.get(kind))
                if in_footer or kind in NUMBER_FORMATS
                else value
                for kind, value, _text in values
            ]
        )
        if progress:
            progress()

    about_sheet = workbook.create_sheet(title=sheet_title(_("About this file")))
    about_sheet.column_dimensions["A"].width = 22
    about_sheet.column_dimensions["B"].width = MAX_WIDTH
    for label, value in about.lines():
        about_sheet.append([styled(label, bold), value])
    for note in table.notes():
        about_sheet.append([styled(_("Note"), bold), note])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_value(cell):
    """A cell's value for Excel: a percentage as a fraction (formatted ``0.0%``), text made safe."""
    value = cell.export_value
    if value is None:
        return None
    if cell.kind == Kind.PERCENT:
        return round(value / 100, 4)
    if cell.kind in (Kind.COUNT, Kind.DECIMAL, Kind.DATE, Kind.MONTH):
        return value
    return safe(value)


def sheet_title(title):
    """Excel refuses sheet names longer than 31 characters or with any of ``[]:*?/\\``."""
    return "".join(" " if character in "[]:*?/\\" else character for character in title)[:31].strip() or "Reporte"


WRITERS = {"csv": to_csv, "xlsx": to_xlsx}


def filename(report_title, table, fmt):
    return f"cocrea-{slugify(report_title)}-{table.key}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def render(report, table, fmt, progress=None):
    """``(bytes, filename, content type)`` for ``table`` of ``report`` in ``fmt``."""
    title = str(report.title())
    about = About(title, str(table.title), report.filter_summary(), report.moment)
    content = WRITERS[fmt](about, table, progress)
    return content, filename(title, table, fmt), CONTENT_TYPES[fmt]
