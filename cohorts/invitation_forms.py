"""Forms for bringing officials into a cohort (a file or a pasted list) and for accepting an invitation."""

from django import forms
from django.contrib.auth import password_validation
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.forms import ProfileFieldsMixin
from accounts.models import Municipality, User

from . import imports


class ListForm(forms.Form):
    """A CSV or XLSX file, or a list pasted as text; the municipality the people are invited for (only asked of
    ministry staff, for a cohort of several comunas)."""

    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(),
        label=_("Municipality"),
        empty_label=None,
        help_text=_("The people are invited as officials of this municipality."),
    )
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        required=False,
        help_text=_("Columns: nombres, apellidos, correo, cargo (the first row names them). At most 5,000 people."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    pasted = forms.CharField(
        label=_("Or paste the list"),
        required=False,
        max_length=imports.MAX_BYTES,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One person per line: name, email and position separated by commas, semicolons or tabs (rows copied "
            "from a spreadsheet work), or the template's rows with its header."
        ),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = Municipality.objects.filter(pk__in=[m.pk for m in municipalities]).order_by("name")
        #: A coordinator (or a cohort of one comuna) invites for the one municipality there is: not asked.
        self.only = municipalities[0] if len(municipalities) == 1 else None
        if self.only is not None:
            del self.fields["municipality"]

    def clean(self):
        cleaned = super().clean()
        if self.only is not None:
            cleaned["municipality"] = self.only
        upload, pasted = cleaned.get("file"), (cleaned.get("pasted") or "").strip()
        if upload and pasted:
            raise forms.ValidationError(_("Upload a file or paste a list, not both."), code="both")
        if not upload and not pasted:
            raise forms.ValidationError(_("Upload a file or paste a list."), code="empty")
        try:
            if upload:
                cleaned["parsed"] = imports.read_upload(upload)
                cleaned["source"] = upload.name or "archivo"
            else:
                cleaned["parsed"] = imports.read_text(pasted, pasted=True)
                cleaned["source"] = str(_("pasted list"))
        except imports.Unreadable as unreadable:
            raise forms.ValidationError(str(unreadable), code="unreadable") from unreadable
        return cleaned


class AcceptForm(forms.ModelForm):
    """The invited person's names (as printed on certificates), position and a password: the profile's own fields,
    help and validators (``accounts.forms.ProfileFieldsMixin``)."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "position"]
        help_texts = ProfileFieldsMixin.Meta.help_texts
        widgets = ProfileFieldsMixin.Meta.widgets

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_privacy = forms.BooleanField(
        required=True,
        error_messages={"required": _("To create an account you must accept the privacy notice.")},
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["position"].required = True
        self.fields["accept_privacy"].label = format_html(
            _('I have read and accept the <a href="{}">privacy notice</a>.'), reverse_lazy("home:privacy")
        )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", forms.ValidationError(_("The two passwords differ."), code="mismatch"))
        elif first:
            probe = User(
                email=self.invitation.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
