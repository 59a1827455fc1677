import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality

from .models import MethodUse

# The programme started in January 2014; earlier dates are almost always typing mistakes.
EARLIEST_USE = datetime.date(2014, 1, 1)


class MethodUseForm(forms.ModelForm):
    """ "Usé este método": when, where (their own municipality unless they say otherwise) and a short note."""

    class Meta:
        model = MethodUse
        fields = ["used_on", "municipality", "note"]
        labels = {"used_on": _("When did you use it?"), "municipality": _("In which municipality?")}
        help_texts = {"note": _("Optional, up to 280 characters: what it was for, how it went. Not shown publicly.")}
        widgets = {
            "used_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": 280}),
        }

    def __init__(self, *args, user, method, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user, self.instance.method = user, method
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        today = timezone.localdate()
        self.fields["used_on"].widget.attrs.update(min=EARLIEST_USE.isoformat(), max=today.isoformat())
        if not self.is_bound:
            self.initial.setdefault("used_on", today)
            self.initial.setdefault("municipality", user.municipality_id)

    def clean_used_on(self):
        used_on = self.cleaned_data["used_on"]
        if used_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if used_on < EARLIEST_USE:
            raise forms.ValidationError(_("The date cannot be before January 2014, when the programme began."))
        already = MethodUse.objects.filter(user=self.instance.user, method=self.instance.method, used_on=used_on)
        if already.exists():
            raise forms.ValidationError(_("You already recorded a use of this method on that date."))
        return used_on
