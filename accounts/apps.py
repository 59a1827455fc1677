from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


def create_role_groups(**kwargs):
    """After migrating, make sure every app's permissions exist, then the role groups with theirs."""
    from django.contrib.auth.management import create_permissions

    from .roles import sync_role_groups

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=kwargs.get("using", "default"))
    sync_role_groups()


class AccountsConfig(AppConfig):
    """People and municipalities: users and their profiles, roles, sign-up and sign-in."""

    default = True
    name = "accounts"
    verbose_name = _("People and municipalities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(create_role_groups, sender=self, dispatch_uid="accounts.create_role_groups")


class CocreaUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the profile fields (municipality, position) in its forms."""

    user_viewset = "accounts.admin_views.UserViewSet"
