"""Sign-up, sign-in and profile forms. Every error a person can cause has a message in plain Spanish."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import membership
from .models import Municipality, User
from .roles import OFFICIAL

PROFILE_FIELDS = ["first_name", "last_name", "municipality", "position"]


class WithoutAutofocusMixin:
    """Drops the autofocus Django's auth forms put on a field.

    Focus stays at the top of the page, where the skip link is, and a form that comes back with errors hands it to
    its error summary (components/form_errors.html); a page may autofocus one element only.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)


class MunicipalityField(forms.ModelChoiceField):
    default_error_messages = {
        "required": _("Choose your municipality from the list."),
        "invalid_choice": _("Choose your municipality from the list."),
    }

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Municipality.objects.order_by("name"),
            empty_label=_("Choose your municipality"),
            label=_("Municipality"),
            **kwargs,
        )


class ProfileFieldsMixin(forms.ModelForm):
    """The profile as people fill it in: names as printed on certificates, municipality and position."""

    municipality = MunicipalityField()

    class Meta:
        model = User
        fields = PROFILE_FIELDS
        help_texts = {
            "first_name": _("As they will appear on your certificates."),
            "last_name": _("As they will appear on your certificates."),
            "position": _("E.g. Dirección de Tránsito, Secplan, Oficina de Medio Ambiente."),
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = True


class SignupForm(WithoutAutofocusMixin, ProfileFieldsMixin, auth_forms.BaseUserCreationForm):
    accept_privacy = forms.BooleanField(
        required=True,
        error_messages={"required": _("To create an account you must accept the privacy notice.")},
    )

    class Meta(ProfileFieldsMixin.Meta):
        fields = ["first_name", "last_name", "email", "municipality", "position"]
        widgets = {
            **ProfileFieldsMixin.Meta.widgets,
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_privacy"].label = format_html(
            _('I have read and accept the <a href="{}">privacy notice</a>.'), reverse_lazy("home:privacy")
        )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "An account with this email address already exists. Sign in, or reset your password if you "
                    "forgot it."
                ),
                code="duplicate_email",
            )
        return email

    def save(self, commit=True):
        """The account, its role and its (pending) membership, all together or not at all."""
        user = super().save(commit=False)
        user.privacy_accepted_at = timezone.now()
        if commit:
            with transaction.atomic():
                user.save()
                user.groups.add(OFFICIAL.group())
                membership.request_membership(user)
        return user


class ProfileForm(ProfileFieldsMixin):
    def save(self, commit=True):
        """A change of municipality is a new claim: pending until confirmed again."""
        user = super().save(commit=False)
        if commit:
            with transaction.atomic():
                user.save()
                if "municipality" in self.changed_data:
                    membership.request_membership(user)
        return user


class MembershipDecisionForm(forms.Form):
    """Confirm or reject one pending person of ``municipality``."""

    APPROVE, REJECT = "confirmar", "rechazar"

    person = forms.ModelChoiceField(
        queryset=User.objects.none(),
        error_messages={
            "required": _("Choose a person from the list."),
            "invalid_choice": _("That person is no longer pending in this municipality: the list has been updated."),
        },
    )
    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Confirm")), (REJECT, _("Reject"))],
        error_messages={
            "required": _("Choose whether to confirm or reject."),
            "invalid_choice": _("Choose whether to confirm or reject."),
        },
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = User.objects.pending_members().filter(municipality=municipality)

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("person")
        if person and cleaned.get("decision") == self.APPROVE and not person.email_confirmed_at:
            raise forms.ValidationError(
                _(
                    "%(name)s has not confirmed their email address yet: you can confirm them once they do, or "
                    "reject them now."
                ),
                code="email_not_confirmed",
                params={"name": person},
            )
        return cleaned


class PasswordChangeForm(WithoutAutofocusMixin, auth_forms.PasswordChangeForm):
    pass


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    error_messages = {
        "invalid_login": _("The email address or the password is not correct. Check them and try again."),
        "inactive": _("This account is disabled."),
    }


class TokenForm(forms.Form):
    """A six-digit code from the person's authenticator app, checked against ``device``."""

    token = forms.CharField(
        label=_("Six-digit code"),
        max_length=6,
        min_length=6,
        help_text=_("The code your authenticator app shows now for Cocrea."),
        error_messages={
            "required": _("Enter the six-digit code your app shows."),
            "min_length": _("The code has six digits."),
            "max_length": _("The code has six digits."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a minute and try again with the code your app shows then."),
                code="throttled",
            )
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(
                _("That code is not right. Check that your phone's clock is correct and use the newest code."),
                code="invalid_token",
            )
        return token


class PasswordConfirmationForm(forms.Form):
    """Asks for the person's password before something that cannot be undone."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not correct."), code="wrong_password")
        return password


class EraseAccountForm(PasswordConfirmationForm):
    confirm = forms.BooleanField(
        label=_("I understand that my name, email address and position will be erased and cannot be recovered."),
        error_messages={"required": _("Tick the box to confirm that you want your data erased.")},
    )
