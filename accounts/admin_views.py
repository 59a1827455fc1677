"""Wagtail admin views for people: the user forms gain the profile fields."""

from wagtail.users import forms as wagtail_forms
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

PROFILE_FIELDS = {"municipality", "position"}


class UserCreationForm(wagtail_forms.UserCreationForm):
    class Meta(wagtail_forms.UserCreationForm.Meta):
        fields = wagtail_forms.UserCreationForm.Meta.fields | PROFILE_FIELDS


class UserEditForm(wagtail_forms.UserEditForm):
    class Meta(wagtail_forms.UserEditForm.Meta):
        fields = wagtail_forms.UserEditForm.Meta.fields | PROFILE_FIELDS


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm
