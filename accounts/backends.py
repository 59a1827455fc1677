"""Signing in by email, and each person's permissions cached under their own key.

Every signed-in page asks for the person's permissions (the header shows "Reportes" and "Administración" by role).
Django keeps them on the user object for the rest of the request; between requests they are cached in the shared
cache under a key of the person's own, which a change to that person (their roles, their own permissions, becoming
or ceasing to be a superuser) deletes. A change to what a role means (a group's permissions, a group or permission
deleted) concerns everyone in it and starts a new generation of roles (``core.generations``), which every key names.
Whether a permission allows something is still decided on every request, against the current set.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

from core.generations import Generation

ROLES = Generation("cocrea:roles-generation")
#: Cached sets outlive no change they hear of; this also bounds how long one made before a change the cache could
#: not hear of (it did not answer) is used.
CACHED_FOR_SECONDS = 10 * 60


class EmailBackend(ModelBackend):
    """Signs people in by email address, whatever capitals they type it with."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = username or kwargs.get("email")
        if email:
            email = email.strip().lower()
        return super().authenticate(request, username=email, password=password, **kwargs)

    def get_all_permissions(self, user_obj, obj=None):
        """The person's own and their groups' permissions, from their key in the shared cache, and on the user for
        the rest of the request, as Django keeps them."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = permissions_key(user_obj.pk)
            permissions = None if key is None else cache.get(key)
            if permissions is None:
                permissions = load_permissions(user_obj)
                if key is not None:  # without a generation (the cache does not answer) nothing is cached
                    cache.set(key, permissions, CACHED_FOR_SECONDS)
            user_obj._perm_cache = permissions
        return user_obj._perm_cache


def permissions_key(person_id):
    generation = ROLES.current()
    return None if generation is None else f"cocrea:permissions:{generation}:{person_id}"


def load_permissions(user):
    """``{"app_label.codename", …}`` in one query (Django's backend makes two)."""
    permissions = Permission.objects.all()
    if not user.is_superuser:
        permissions = permissions.filter(Q(user=user) | Q(group__user=user))
    return {
        f"{app_label}.{codename}"
        for app_label, codename in permissions.values_list("content_type__app_label", "codename").order_by()
    }


def forget(*person_ids):
    """Drop these people's cached permissions, now and again when the change commits (another process may read the
    old rows in between and cache them)."""

    def delete():
        keys = [key for key in map(permissions_key, person_ids) if key is not None]
        if keys:
            cache.delete_many(keys)

    delete()
    transaction.on_commit(delete)
