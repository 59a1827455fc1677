"""Form widgets for the report filters, written in Python rather than with Django's one template per widget (and
per option): the municipality filter offers 345 comunas, and the templates took longer to render than the report's
queries. The HTML is what Django's own templates write."""

from datetime import date

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe


def attributes(attrs):
    """``attrs`` as Django's ``django/forms/widgets/attrs.html`` writes them: in order, ``True`` as a bare name,
    ``False`` left out."""
    return mark_safe(  # noqa: S308 -- every name and value escaped
        "".join(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{conditional_escape(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
    )


class QuickInput:
    """An ``<input>`` as ``django/forms/widgets/input.html`` writes it, without rendering a template."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        written = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html(
            '<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], written, attributes(widget["attrs"])
        )


class TextInput(QuickInput, forms.TextInput):
    pass


class NumberInput(QuickInput, forms.NumberInput):
    pass


class CheckboxInput(QuickInput, forms.CheckboxInput):
    pass


class QuickSelect(forms.Select):
    """A select rendered without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


class DateInput(QuickInput, forms.DateInput):
    """``<input type="date">``, which only holds an ISO date: a mistyped value ("ayer") is not written back into
    it (the field's error names the problem)."""

    input_type = "date"

    def format_value(self, value):
        value = super().format_value(value)
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError:
                return None
        return value
