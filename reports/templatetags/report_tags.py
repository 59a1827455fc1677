"""Rendering report cells in Python: a matrix page has thousands of them, too many for one include each."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def cell_html(cell, small_note, withheld_note):
    content = escape(cell.text)
    if cell.href:
        content = f'<a href="{escape(cell.href)}">{content}</a>'
    if cell.small:
        content += f' <span aria-hidden="true">*</span><span class="visually-hidden">{small_note}</span>'
    elif cell.withheld:
        content += f'<span class="visually-hidden"> {withheld_note}</span>'
    if cell.header:
        return f'<th scope="row">{content}</th>'
    if cell.small or cell.withheld:
        return f'<td class="report-cell--small">{content}</td>'
    return f"<td>{content}</td>"


@register.simple_tag
def report_row(row):
    """A table row's cells (``<th scope="row">`` for the row's heading, ``<td>`` for figures), escaped here."""
    small_note, withheld_note = escape(_("(fewer than 5 people)")), escape(_("(not shown: fewer than 5 people)"))
    return mark_safe("".join(cell_html(cell, small_note, withheld_note) for cell in row))  # noqa: S308 -- escaped
