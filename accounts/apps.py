from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_migrate, post_save, pre_save
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
        from . import audit, backends, two_factor  # noqa: F401  (two_factor connects its sign-in receiver)

        post_migrate.connect(create_role_groups, sender=self, dispatch_uid="accounts.create_role_groups")
        user_model = self.get_model("User")
        m2m_changed.connect(audit.log_group_membership_change, sender=user_model.groups.through)
        pre_save.connect(audit.remember_superuser_status, sender=user_model)
        post_save.connect(audit.log_superuser_change, sender=user_model)
        backends.connect()


class CocreaUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the profile fields (municipality, position) in its forms."""

    user_viewset = "accounts.admin_views.UserViewSet"
