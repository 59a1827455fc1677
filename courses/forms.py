"""The catalogue's filters: topic, level and a search, all optional, all in the address so a view can be shared."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.search import search_terms

from .models import Level, Topic


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        strip=True,
        error_messages={"max_length": _("Write a shorter search (at most %(limit_value)d characters).")},
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. entrevistas, paraderos")}),
    )
    tema = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
        error_messages={"invalid_choice": _("That topic does not exist. Choose one from the list.")},
    )
    nivel = forms.ChoiceField(
        label=_("Level"),
        choices=[("", _("All levels")), *Level.choices],
        required=False,
        error_messages={"invalid_choice": _("That level does not exist. Choose one from the list.")},
    )

    def clean_q(self):
        return search_terms(self.cleaned_data["q"])

    def filters(self):
        """The valid filters; an invalid one is reported on the form and left out rather than failing the page."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
