"""Rendering report cells in Python: a matrix page has thousands of them, too many for one include each."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()


def cell_html(cell):
    content = format_html('<a href="{}">{}</a>', cell.href, cell.text) if cell.href else cell.text
    if cell.small:
        content = format_html(
            '{} <span aria-hidden="true">*</span><span class="visually-hidden">{}</span>',
            content,
            _("(fewer than 5 people)"),
        )
    elif cell.withheld:
        content = format_html(
            '{}<span class="visually-hidden"> {}</span>', content, _("(not shown: fewer than 5 people)")
        )
    if cell.header:
        return format_html('<th scope="row">{}</th>', content)
    if cell.small or cell.withheld:
        return format_html('<td class="report-cell--small">{}</td>', content)
    return format_html("<td>{}</td>", content)


@register.simple_tag
def report_row(row):
    """A table row's cells (``<th scope="row">`` for the row's heading, ``<td>`` for figures)."""
    return format_html_join("", "{}", ((cell_html(cell),) for cell in row))
