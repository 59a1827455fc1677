"""Form widgets for the report filters.

``QuickSelect`` writes its options in Python: the municipality filter offers 345 comunas, and Django's one template
per option took longer to render than the report's queries."""

from datetime import date

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


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


class DateInput(forms.DateInput):
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
