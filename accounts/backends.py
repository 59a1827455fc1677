"""Signing in by email, and each person's permissions kept by every process under a stamp of their own.

Every signed-in page asks for the person's permissions (the header shows "Reportes" and "Administración" by role).
Django keeps them on the user object for the rest of the request; between requests each process keeps them in its
local memory, under the person's id and ``permissions_stamp``, which the person's row carries and every request
reads with it. A change to that person (their roles, their own permissions, becoming or ceasing to be a superuser)
gives them a new stamp in the same write, so every process finds nothing under it and loads the set again. A change
to what a role means (a group's permissions, a group or permission deleted) concerns everyone in it and starts a new
generation of roles (``core.generations``), which every key names. Whether a permission allows something is still
decided on every request, against the current set.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q

from core import rows
from core.generations import Generation

from .sessions import person_read_with_session

ROLES = Generation("cocrea:roles-generation")
#: This process's copies of people's permission sets (pickled: each read is a copy). Ten minutes bounds how long a
#: set outlives a change made without the ORM's signals.
KEPT = LocMemCache("cocrea-permissions", {"TIMEOUT": 10 * 60, "OPTIONS": {"MAX_ENTRIES": 5000}})


class EmailBackend(ModelBackend):
    """Signs people in by email address, whatever capitals they type it with."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = username or kwargs.get("email")
        if email:
            email = email.strip().lower()
        return super().authenticate(request, username=email, password=password, **kwargs)

    def get_user(self, user_id):
        """Django's, with the person's row as the request's session read it (``accounts.sessions``), else read by
        one plain statement (``core.rows``): every signed-in request needs it."""
        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        user = person_read_with_session(pk)
        if user is None:
            key = connection.ops.quote_name(model._meta.pk.column)
            user = next((user for user, _extras in rows.select(model, f"WHERE t.{key} = %s", [pk])), None)
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        """The person's own and their groups' permissions, as this process keeps them under the person's stamp, and
        on the user for the rest of the request, as Django keeps them."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = permissions_key(user_obj)
            permissions = None if key is None else KEPT.get(key)
            if permissions is None:
                permissions = load_permissions(user_obj)
                if key is not None:  # without a generation (the shared cache does not answer) nothing is kept
                    KEPT.set(key, permissions)
            user_obj._perm_cache = permissions
        return user_obj._perm_cache


def permissions_key(user):
    generation = ROLES.current()
    return None if generation is None else f"{generation}:{user.pk}:{user.permissions_stamp}"


def load_permissions(user):
    """``{"app_label.codename", …}`` in one query (Django's backend makes two)."""
    permissions = Permission.objects.all()
    if not user.is_superuser:
        permissions = permissions.filter(Q(user=user) | Q(group__user=user))
    return {
        f"{app_label}.{codename}"
        for app_label, codename in permissions.values_list("content_type__app_label", "codename").order_by()
    }


def new_stamp():
    return secrets.randbits(62)


def forget(*person_ids):
    """Give these people a new stamp: what any process kept under the old one is of no more use. Written in the
    caller's transaction, it commits (or rolls back) with the change itself."""
    from .models import User

    User.objects.filter(pk__in=person_ids).update(permissions_stamp=new_stamp())
