"""Reading report pages and exports the way a person would: table by table, cell by cell."""

import csv
import io

from bs4 import BeautifulSoup
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


def figure(value):
    """A cell as a comparable figure: "33,3 %" and 33.3 are the same figure, "—" and an empty cell too."""
    if value is None or value in ("", "—"):
        return ""
    if isinstance(value, int | float):
        return round(float(value), 1)
    text = str(value).strip()
    number = text.removesuffix("%").strip().replace(",", ".")
    try:
        return round(float(number), 1)
    except ValueError:
        return text


def csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(content):
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [[("" if value is None else value) for value in row] for row in sheet.iter_rows(values_only=True)]


def export(client, report, table, fmt="csv", subject="", query=""):
    return client.post(
        "/reportes/exportar/", {"report": report, "subject": subject, "table": table, "format": fmt, "query": query}
    )
