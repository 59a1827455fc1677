from django import forms
from django.utils.translation import gettext_lazy as _

from .builders import REPORTS
from .models import ReportExport


class ExportForm(forms.Form):
    """The hidden fields of an export button: which report and table, the format, and the filters in use."""

    report = forms.ChoiceField(choices=[(kind, kind) for kind in REPORTS])
    subject = forms.RegexField(regex=r"^[0-9]{1,10}$", required=False, max_length=10)
    table = forms.SlugField(max_length=20)
    format = forms.ChoiceField(label=_("Format"), choices=ReportExport.Format.choices)
    query = forms.CharField(required=False, max_length=2000, strip=False)
