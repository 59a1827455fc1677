from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    """People and municipalities: users and their profiles, roles, sign-up and sign-in."""

    default = True
    name = "accounts"
    verbose_name = _("People and municipalities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers

        receivers.connect()


class CocreaUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the profile fields (municipality, position) in its forms."""

    user_viewset = "accounts.admin_views.UserViewSet"
