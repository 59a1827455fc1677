from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from courses.models import CoursePage
from reports.widgets import DateInput

from .models import Announcement, Channel, Cohort, Preferences
from .phones import InvalidPhoneNumber, to_e164

#: The largest target that makes sense (the biggest comuna has some thousands of officials).
TARGET_MAX = 100_000


ID_MAX = 2**31 - 1  # page and municipality ids are 32-bit integer columns


def valid_id(value):
    return str(value).isdigit() and int(value) <= ID_MAX


class SmallIdChoiceField(forms.ModelChoiceField):
    """An object by id, where an id no row could have is an invalid choice instead of a database error."""

    def to_python(self, value):
        if value not in self.empty_values and not valid_id(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SmallIdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else [value]:
            if not valid_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class CohortForm(forms.ModelForm):
    """A cohort. Ministry staff choose any municipalities; a coordinator's cohort is their own municipality's."""

    class Meta:
        model = Cohort
        fields = ["title", "course", "municipalities", "opens_on", "closes_on", "target_per_municipality"]
        widgets = {"opens_on": DateInput, "closes_on": DateInput}
        field_classes = {"course": SmallIdChoiceField, "municipalities": SmallIdMultipleChoiceField}

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        self.fields["course"].queryset = CoursePage.objects.live().defer_streamfields().order_by("title")
        target = self.fields["target_per_municipality"]
        target.validators.append(MaxValueValidator(TARGET_MAX))
        target.widget.attrs.update(min=0, max=TARGET_MAX)
        if access.is_ministry:
            self.fields["municipalities"].queryset = Municipality.objects.order_by("name")
            self.fields["municipalities"].help_text = _("Hold Ctrl (or Cmd) to choose several.")
        else:
            del self.fields["municipalities"]

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The closing date cannot be before the opening date."))
            return data
        course = data.get("course")
        municipalities = self.chosen_municipalities()
        if course and opens_on and closes_on and municipalities:
            overlapping = (
                Cohort.objects.filter(
                    course=course,
                    municipalities__in=municipalities,
                    opens_on__lte=closes_on,
                    closes_on__gte=opens_on,
                )
                .exclude(pk=self.instance.pk)
                .distinct()
                .first()
            )
            if overlapping is not None:
                raise forms.ValidationError(
                    _(
                        "The cohort “%(title)s” already offers this course to one of these municipalities on some of "
                        "these days: change the dates or the municipalities."
                    ),
                    params={"title": overlapping.title},
                    code="overlap",
                )
        return data

    def chosen_municipalities(self):
        if "municipalities" in self.fields:
            return list(self.cleaned_data.get("municipalities") or [])
        return [self.access.user.municipality]


class PreferencesForm(forms.ModelForm):
    # Longer than the stored E.164 number: people write spaces, brackets and hyphens.
    mobile = forms.CharField(
        label=Preferences._meta.get_field("mobile").verbose_name,
        help_text=Preferences._meta.get_field("mobile").help_text,
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    class Meta:
        model = Preferences
        fields = ["channel", "mobile", "time_zone", "announcements_by_email"]
        widgets = {
            "channel": forms.RadioSelect,
            "mobile": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    def clean_mobile(self):
        mobile = self.cleaned_data.get("mobile", "").strip()
        if not mobile:
            return ""
        try:
            return to_e164(mobile)
        except InvalidPhoneNumber:
            raise forms.ValidationError(
                _("Enter a mobile number with its country code, e.g. +56 9 6123 4567."), code="invalid"
            ) from None

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.SMS and not data.get("mobile") and "mobile" not in self.errors:
            self.add_error("mobile", _("Text messages need a mobile number."))
        return data


class AnnouncementForm(forms.ModelForm):
    """A short announcement: a title and plain text (shown as text, never as HTML)."""

    class Meta:
        model = Announcement
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "title": {"max_length": _("The title can have at most %(limit_value)d characters.")},
            "body": {"max_length": _("The message can have at most %(limit_value)d characters.")},
        }

    def clean_title(self):
        # One line of printable text: no control or invisible formatting characters (e.g. right-to-left overrides).
        title = " ".join("".join(c for c in self.cleaned_data["title"] if c.isprintable()).split())
        if not title:
            raise forms.ValidationError(_("Write a title."), code="required")
        return title

    def clean_body(self):
        # Plain text: line breaks are kept; other control characters (and lines of spaces) are not.
        lines = self.cleaned_data["body"].splitlines()
        lines = ["".join(c for c in line if c.isprintable()).rstrip() for line in lines]
        body = "\n".join(lines).strip()
        if not body:
            raise forms.ValidationError(_("Write the message."), code="required")
        return body
