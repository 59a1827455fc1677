"""Rendering report cells in Python: a matrix page has thousands of them, too many for one include each."""

from html import escape

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from reports.tables import Kind

register = template.Library()


def cell_html(cell, small_note, withheld_note):
    """One cell; ``html.escape`` is what Django's ``escape`` calls, without its lazy-string check per call (a page
    of a report escapes thousands of texts)."""
    content = escape(cell.text)
    if cell.exact:
        exact = escape(cell.exact)
        content = f'<span title="{exact}">{content}</span><span class="visually-hidden"> ({exact})</span>'
    if cell.href:
        content = f'<a href="{escape(cell.href)}">{content}</a>'
    if cell.small:
        content += f' <span aria-hidden="true">*</span><span class="visually-hidden">{small_note}</span>'
    elif cell.withheld:
        content += f'<span class="visually-hidden"> {withheld_note}</span>'
    if cell.header:
        return f'<th scope="row">{content}</th>'
    classes = CELL_CLASSES[cell.kind]
    if cell.small or cell.withheld:
        classes += " report-cell--small"
    return f'<td class="{classes}">{content}</td>'


#: Figures align right in tabular digits so that columns of numbers line up; text and dates align left.
CELL_CLASSES = {
    Kind.TEXT: "report-cell--text",
    Kind.DATE: "report-cell--text",
    Kind.MONTH: "report-cell--text",
    Kind.COUNT: "report-cell--figure",
    Kind.PERCENT: "report-cell--figure",
    Kind.DECIMAL: "report-cell--figure",
}


@register.simple_tag
def report_rows(rows):
    """The table's rows, ``<tr>`` each, their cells (``<th scope="row">`` for the row's heading, ``<td>`` for
    figures) escaped here: one tag for a page of rows, with the notes for screen readers translated once."""
    small_note, withheld_note = escape(_("(fewer than 5 people)")), escape(_("(not shown: fewer than 5 people)"))
    return mark_safe(  # noqa: S308 -- every text escaped in cell_html
        "".join("<tr>" + "".join(cell_html(cell, small_note, withheld_note) for cell in row) + "</tr>" for row in rows)
    )


@register.simple_tag
def column_class(table, index):
    """``report-cell--figure`` for a column of figures (its heading aligns with them), else text."""
    row = (table.rows or table.footer or [[]])[0]
    if index < len(row) and row[index].is_figure:
        return "report-cell--figure"
    return "report-cell--text"


#: One filter as the site's field template (``components/form_field.html``) writes it, indented for ``filters.html``.
FILTER_FIELD = """
                <div class="field{invalid}{checkbox}">
                    <label for="{id}">{label}{suffix}</label>
                    {help}
                    {errors}
                    {widget}
                </div>
            """


@register.simple_tag
def report_filter_fields(form):
    """The visible fields of one of a report's filter forms, written here rather than with a template loop: a
    report's filters are a dozen fields on every request, and the template's lookups cost more than the widgets."""
    fields = []
    for field in form.visible_fields():
        errors = field.errors
        help_text = (
            format_html('<div class="helptext" id="{}_helptext">{}</div>', field.auto_id, mark_safe(field.help_text))  # noqa: S308 -- as the template's |safe
            if field.help_text
            else ""
        )
        fields.append(
            FILTER_FIELD.format(
                invalid=" field--invalid" if errors else "",
                checkbox=" field--checkbox" if field.widget_type == "checkbox" else "",
                id=conditional_escape(field.id_for_label),
                label=conditional_escape(field.label),
                suffix=conditional_escape(form.label_suffix),
                help=help_text,
                errors=conditional_escape(errors) if errors else "",
                widget=conditional_escape(field),
            )
        )
    return mark_safe("".join(fields))  # noqa: S308 -- every part escaped above
