import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from toolkits.models import MethodPage

from .models import PARTICIPANT_KINDS, Practice, Review
from .uploads import clean_upload

# The programme started in January 2014; earlier dates are almost always typing mistakes.
EARLIEST = datetime.date(2014, 1, 1)


def clean_date(value):
    if value > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))
    if value < EARLIEST:
        raise forms.ValidationError(_("The date cannot be before January 2014, when the programme began."))
    return value


def date_widget():
    return forms.DateInput(
        attrs={"type": "date", "min": EARLIEST.isoformat(), "max": timezone.localdate().isoformat()},
        format="%Y-%m-%d",
    )


class QuickStartForm(forms.Form):
    """The toolkit's "Usé este método": the method is the page's; when, where and an optional note."""

    used_on = forms.DateField(label=_("When did you use it?"))
    municipality = forms.ModelChoiceField(label=_("In which municipality?"), queryset=Municipality.objects.none())
    note = forms.CharField(
        label=_("Note"),
        max_length=280,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 280}),
        help_text=_("Optional: what it was for, how it went. You can complete the practice record afterwards."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["used_on"].widget = date_widget()
        if not self.is_bound:
            self.initial.setdefault("used_on", timezone.localdate())
            self.initial.setdefault("municipality", user.municipality_id)

    def clean_used_on(self):
        return clean_date(self.cleaned_data["used_on"])


class PracticeForm(forms.ModelForm):
    """What the official did: methods, component, comuna, place, date, who took part, what came of it."""

    class Meta:
        model = Practice
        fields = [
            "title",
            "methods",
            "component",
            "municipality",
            "place",
            "done_on",
            *(name for name, _label in PARTICIPANT_KINDS),
            "learned",
            "changed",
            "next_steps",
            "coauthors",
            "published",
            "show_names",
        ]
        labels = {"title": _("What did you do? (a short title)")}
        help_texts = {
            "place": _("A place, a route, a bus stop… in free text."),
            "methods": _("The toolkit's methods you used."),
            "coauthors": _("Officials of the same municipality who did it with you: they may edit it too."),
        }
        widgets = {
            "methods": forms.CheckboxSelectMultiple,
            "coauthors": forms.CheckboxSelectMultiple,
            "learned": forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
            "changed": forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
            "next_steps": forms.Textarea(attrs={"rows": 3, "maxlength": 4000}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["methods"].queryset = MethodPage.objects.live().order_by("title")
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["done_on"].widget = date_widget()
        for name, _label in PARTICIPANT_KINDS:
            self.fields[name].required = False  # empty means nobody of that kind
            self.fields[name].widget.attrs.update(min=0, max=100_000)
        author = self.instance.author if self.instance.pk else user
        municipality_id = self.instance.municipality_id if self.instance.pk else user.municipality_id
        colleagues = get_user_model().objects.confirmed_members().filter(municipality_id=municipality_id)
        self.fields["coauthors"].queryset = colleagues.exclude(pk=author.pk).order_by("first_name", "last_name")
        self.fields["coauthors"].label_from_instance = lambda person: person.get_full_name() or person.email
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("municipality", user.municipality_id)
            self.initial.setdefault("done_on", timezone.localdate())

    def clean_done_on(self):
        return clean_date(self.cleaned_data["done_on"])

    def clean(self):
        cleaned = super().clean()
        for name, _label in PARTICIPANT_KINDS:
            if name not in self.errors and cleaned.get(name) is None:
                cleaned[name] = 0
        municipality, coauthors = cleaned.get("municipality"), cleaned.get("coauthors")
        if municipality is not None and any(person.municipality_id != municipality.pk for person in coauthors or ()):
            self.add_error("coauthors", _("Co-authors must be officials of the practice's municipality."))
        return cleaned


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Photo or document"),
        help_text=_("A photo (JPEG, PNG or WebP, up to 8 MB) or a PDF (up to 5 MB). Photos lose their location."),
    )
    caption = forms.CharField(
        label=_("Caption"), max_length=200, required=False, help_text=_("What it shows. No names of people.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.cleaned_upload = clean_upload(upload)
        return upload


class ReviewForm(forms.Form):
    """A trainer's review: a level per rubric criterion, feedback, and the decision."""

    decision = forms.ChoiceField(label=_("Decision"), choices=Review.Decision.choices, widget=forms.RadioSelect)
    feedback = forms.CharField(
        label=_("Feedback"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
        help_text=_("What is good and, if you ask for changes, what to change."),
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for position, name, levels in self.criteria:
            self.fields[f"criterio_{position}"] = forms.TypedChoiceField(
                label=name,
                choices=[(str(index), label) for index, label in enumerate(levels)],
                coerce=int,
                widget=forms.RadioSelect,
            )

    def levels(self):
        chosen = [(name, levels, self.cleaned_data[f"criterio_{position}"]) for position, name, levels in self.criteria]
        return [{"criterion": name, "level": level, "label": levels[level]} for name, levels, level in chosen]
