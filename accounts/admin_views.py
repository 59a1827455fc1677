"""Wagtail admin views for people: the user forms gain the profile fields and the membership of the municipality.

An administrator who sets where someone works, or whether that membership is confirmed, takes the decision a
coordinator would: it is logged the same way (``accounts.audit``), with the administrator as its author.
"""

from django.db import transaction
from wagtail.users import forms as wagtail_forms
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from . import audit
from .models import Membership

PROFILE_FIELDS = {"municipality", "position", "membership"}

DECISIONS = {
    Membership.PENDING: audit.MEMBERSHIP_REQUESTED,
    Membership.CONFIRMED: audit.MEMBERSHIP_CONFIRMED,
    Membership.REJECTED: audit.MEMBERSHIP_REJECTED,
}


class MembershipFormMixin:
    """People an administrator adds are confirmed members unless the administrator says otherwise; left out of a
    submission, the membership stays as it was."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        field.required = False
        if self.instance.pk is None:
            field.initial = Membership.CONFIRMED

    def clean_membership(self):
        if self.cleaned_data.get("membership"):
            return self.cleaned_data["membership"]
        return self.instance.membership if self.instance.pk else Membership.CONFIRMED

    def save(self, commit=True):
        user = super().save(commit=False)
        changed = {"municipality", "membership"} & set(self.changed_data)
        if "email" in self.changed_data:
            user.email_confirmed_at = None  # a new address is confirmed by its owner, with the link
        if commit:
            with transaction.atomic():
                user.save()
                self._save_m2m()
                if changed and user.municipality_id:
                    audit.log_about(user, DECISIONS[user.membership], data={"municipality": user.municipality.name})
        return user


class UserCreationForm(MembershipFormMixin, wagtail_forms.UserCreationForm):
    class Meta(wagtail_forms.UserCreationForm.Meta):
        fields = wagtail_forms.UserCreationForm.Meta.fields | PROFILE_FIELDS


class UserEditForm(MembershipFormMixin, wagtail_forms.UserEditForm):
    class Meta(wagtail_forms.UserEditForm.Meta):
        fields = wagtail_forms.UserEditForm.Meta.fields | PROFILE_FIELDS


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm
