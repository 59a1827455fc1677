from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import codes


class VerificationForm(forms.Form):
    """The public form: a code as printed, typed in any case, with or without hyphens or spaces."""

    codigo = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=format_lazy(
            _("It is printed at the bottom of the certificate, e.g. {example}."), example=codes.display(codes.EXAMPLE)
        ),
        error_messages={"required": _("Enter the code printed on the certificate.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_codigo(self):
        typed = self.cleaned_data["codigo"]
        problem = codes.problem(typed)
        if problem == codes.Problem.LENGTH:
            length = len(codes.cleaned(typed))
            raise forms.ValidationError(
                _("A code has 12 letters and digits (e.g. %(example)s); the one entered has %(length)d.")
                % {"example": codes.display(codes.EXAMPLE), "length": length}
            )
        if problem == codes.Problem.CHARACTERS:
            raise forms.ValidationError(
                _("A code has only digits and letters other than U, without symbols: check each one.")
            )
        if problem == codes.Problem.CHECK:
            raise forms.ValidationError(
                _(
                    "No certificate can have this code: one of its characters was probably copied wrong. Check "
                    "each one against the certificate."
                )
            )
        return codes.cleaned(typed)


class RevocationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_("Shown on the public verification page, e.g. “Issued by mistake”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_reason(self):
        return " ".join(self.cleaned_data["reason"].split())  # one line on the verification page
