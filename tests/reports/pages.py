"""Reading report pages and exports the way a person would: table by table, cell by cell."""

import codecs
import csv
import datetime
import io

from bs4 import BeautifulSoup
from django.utils import formats
from openpyxl import load_workbook


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def cell_text(cell):
    for hidden in cell.select(".visually-hidden"):
        hidden.decompose()
    return " ".join(cell.get_text(" ", strip=True).split())


def screen_table(page, key):
    """The rows of table ``key`` (body and footer) as the screen shows them, header row first."""
    table = page.find(id=f"table-{key}").find_parent("table")
    return [[cell_text(cell) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]


def screen_rows(page, key):
    return {row[0]: row[1:] for row in screen_table(page, key)[1:]}


def csv_rows(content, delimiter=";"):
    assert content.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))


def xlsx_rows(content):
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [[("" if value is None else value) for value in row] for row in sheet.iter_rows(values_only=True)]


def xlsx_sheets(content):
    return load_workbook(io.BytesIO(content))


def number(text, decimal=","):
    """A figure written as text ("33,3 %", "3 *", "12") as a number, or None when it is not one."""
    text = text.removesuffix("*").strip().removesuffix("%").strip()
    try:
        return round(float(text.replace(decimal, ".")) if decimal != "." else float(text), 1)
    except ValueError:
        return None


def screen_value(text):
    """A screen cell as a comparable value: a number, a date, "" for no figure (— or withheld), else text."""
    if text in ("", "—", "< 5"):
        return ""
    value = number(text)
    if value is not None:
        return value
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return text


def xlsx_value(cell):
    """An XLSX cell (openpyxl) as a comparable value: percentages in percent units, dates as dates."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if cell.number_format == "mmmm yyyy":
            return formats.date_format(value.date(), "YEAR_MONTH_FORMAT")
        return value.date()
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return round(value * 100, 1) if cell.number_format.endswith("%") else round(float(value), 1)


def csv_value(text, decimal=","):
    if text == "":
        return ""
    value = number(text, decimal)
    if value is not None:
        return value
    for pattern in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    return text


def export(client, report, table, fmt="csv", subject="", query=""):
    return client.post(
        "/reportes/exportar/", {"report": report, "subject": subject, "table": table, "format": fmt, "query": query}
    )
