from django import forms
from django.utils.translation import gettext_lazy as _

from . import codes


class VerificationForm(forms.Form):
    """The public form: a code as printed, typed in any case, with or without hyphens or spaces."""

    codigo = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("It is printed at the bottom of the certificate, e.g. 7K3M-9QX2-ZD4R."),
        error_messages={"required": _("Enter the code printed on the certificate.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_codigo(self):
        code = codes.normalise(self.cleaned_data["codigo"])
        if code is None:
            raise forms.ValidationError(
                _("This is not a valid code. A code has 12 letters and digits (e.g. 7K3M-9QX2-ZD4R): check each one.")
            )
        return code


class RevocationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_("Shown on the public verification page, e.g. “Issued by mistake”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_reason(self):
        return " ".join(self.cleaned_data["reason"].split())  # one line on the verification page
