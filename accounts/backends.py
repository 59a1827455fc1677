"""Signing in by email, and each person's permissions kept between changes to roles.

Every signed-in page asks for the person's permissions (the header shows "Reportes" and "Administración" by role).
They change only when someone edits a role, a group or a person, so they are kept in the shared cache under the
edition of permissions (``home.editions``), which any such change replaces: the next request of every process sees
it. Whether a permission allows something is still decided on every request, against the current set.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save

from home.editions import Edition

PERMISSIONS = Edition("cocrea:permissions-edition")
#: Kept sets outlive no edition; this only bounds how long an unused one stays in the cache.
KEPT_FOR_SECONDS = 24 * 60 * 60


class EmailBackend(ModelBackend):
    """Signs people in by email address, whatever capitals they type it with."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = username or kwargs.get("email")
        if email:
            email = email.strip().lower()
        return super().authenticate(request, username=email, password=password, **kwargs)

    def get_all_permissions(self, user_obj, obj=None):
        """The person's own and their groups' permissions, kept per edition of permissions and on the user for the
        rest of the request, as Django keeps them."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = f"cocrea:permissions:{user_obj.pk}:{PERMISSIONS.current()}"
            permissions = cache.get(key)
            if permissions is None:
                permissions = load_permissions(user_obj)
                cache.set(key, permissions, KEPT_FOR_SECONDS)
            user_obj._perm_cache = permissions
        return user_obj._perm_cache


def load_permissions(user):
    """``{"app_label.codename", …}`` in one query (Django's backend makes two)."""
    permissions = Permission.objects.all()
    if not user.is_superuser:
        permissions = permissions.filter(Q(user=user) | Q(group__user=user))
    return {
        f"{app_label}.{codename}"
        for app_label, codename in permissions.values_list("content_type__app_label", "codename").order_by()
    }


def person_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """A new person has nothing kept yet (their groups follow, each a change), and signing in changes nothing."""
    if not created and (update_fields is None or set(update_fields) - {"last_login"}):
        PERMISSIONS.changed()


def connect():
    user_model = get_user_model()
    for through in (user_model.groups.through, user_model.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(PERMISSIONS.changed, sender=through, dispatch_uid=f"permissions.{through.__name__}")
    for model in (Group, Permission):
        post_save.connect(PERMISSIONS.changed, sender=model, dispatch_uid=f"permissions.save.{model.__name__}")
        post_delete.connect(PERMISSIONS.changed, sender=model, dispatch_uid=f"permissions.delete.{model.__name__}")
    post_save.connect(person_saved, sender=user_model, dispatch_uid="permissions.person_saved")
    post_delete.connect(PERMISSIONS.changed, sender=user_model, dispatch_uid="permissions.person_deleted")
