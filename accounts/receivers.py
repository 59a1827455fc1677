"""What accounts does when something happens: role groups after migrating, the second step owed at sign-in, audit
lines for roles and superuser status, and each person's cached permissions forgotten when they change."""

from uuid import uuid4

from django.apps import apps
from django.contrib.auth import get_user_model, user_logged_in
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save

from .audit import ROLES_CHANGED, SUPERUSER_CHANGED, log_about
from .backends import ROLES, forget, new_stamp
from .two_factor import PENDING_SESSION_KEY, pending_step


def create_role_groups(**kwargs):
    """After migrating, make sure every app's permissions exist, then the role groups with theirs."""
    from django.contrib.auth.management import create_permissions

    from .roles import sync_role_groups

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=kwargs.get("using", "default"))
    sync_role_groups()


def mark_pending_step(sender, request, user, **kwargs):
    step = pending_step(user)
    if step and hasattr(request, "session"):
        request.session[PENDING_SESSION_KEY] = step


def log_group_membership_change(sender, instance, action, pk_set, model, reverse, **kwargs):
    """``m2m_changed`` receiver for ``User.groups``: one log entry per change, naming the groups."""
    if reverse or action not in {"pre_clear", "post_add", "post_remove", "post_clear"}:
        return
    if action == "pre_clear":
        instance._groups_before_clear = list(instance.groups.values_list("name", flat=True))
        return
    if action == "post_clear":
        names, key = getattr(instance, "_groups_before_clear", []), "removed"
    else:
        names = list(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
        key = "added" if action == "post_add" else "removed"
    if names:
        # Its own uuid: the admin's history keeps only the latest entry per uuid and action, and one save of the
        # user form both removes and adds groups.
        log_about(instance, ROLES_CHANGED, data={key: sorted(names)}, uuid=uuid4())


def remember_superuser_status(sender, instance, update_fields=None, **kwargs):
    """``pre_save`` receiver: note whether a saved person was a superuser, to log a change after saving."""
    if instance.pk is None or (update_fields is not None and "is_superuser" not in update_fields):
        instance._was_superuser = None
        return
    instance._was_superuser = sender.objects.filter(pk=instance.pk).values_list("is_superuser", flat=True).first()


def log_superuser_change(sender, instance, created, **kwargs):
    before = getattr(instance, "_was_superuser", None)
    if created or before is None or before == instance.is_superuser:
        return
    log_about(instance, SUPERUSER_CHANGED, data={"is_superuser": instance.is_superuser})


def person_saving(sender, instance, update_fields=None, **kwargs):
    """A person saved whole gets a new permissions stamp in the same write (``accounts.backends``): whatever changed,
    their kept permissions are then not used again."""
    if instance.pk is not None and update_fields is None:
        instance.permissions_stamp = new_stamp()


def person_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """A save of some fields changes permissions only if it makes or unmakes a superuser."""
    if not created and update_fields is not None and "is_superuser" in update_fields:
        forget(instance.pk)


def memberships_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A person's roles or own permissions changed: theirs only. From the other side (a group's members), those
    members; a group emptied at once, everyone."""
    if not action.startswith("post_"):
        return
    if not reverse:
        forget(instance.pk)
    elif pk_set:
        forget(*pk_set)
    else:
        ROLES.bump()


def connect():
    post_migrate.connect(
        create_role_groups, sender=apps.get_app_config("accounts"), dispatch_uid="accounts.create_role_groups"
    )
    user_logged_in.connect(mark_pending_step, dispatch_uid="accounts.two_factor.mark_pending_step")
    user_model = get_user_model()
    m2m_changed.connect(
        log_group_membership_change, sender=user_model.groups.through, dispatch_uid="accounts.audit.roles"
    )
    pre_save.connect(remember_superuser_status, sender=user_model, dispatch_uid="accounts.audit.superuser_before")
    post_save.connect(log_superuser_change, sender=user_model, dispatch_uid="accounts.audit.superuser_after")
    for through in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(memberships_changed, sender=through, dispatch_uid=f"permissions.{through.__name__}")
    m2m_changed.connect(ROLES.bump, sender=Group.permissions.through, dispatch_uid="permissions.group_permissions")
    for model in (Group, Permission):
        post_save.connect(ROLES.bump, sender=model, dispatch_uid=f"permissions.save.{model.__name__}")
        post_delete.connect(ROLES.bump, sender=model, dispatch_uid=f"permissions.delete.{model.__name__}")
    pre_save.connect(person_saving, sender=user_model, dispatch_uid="permissions.person_saving")
    post_save.connect(person_saved, sender=user_model, dispatch_uid="permissions.person_saved")
