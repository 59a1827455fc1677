"""The audit trail for people: role changes, superuser status, two-factor set-up and data erasure.

Entries are Wagtail log entries (``wagtail.log_actions.log``), so they appear in the admin's site history report
and in each user's history (``/admin/users/history/<id>/``) with who did it and when. In admin views Wagtail's log
context supplies the acting user; elsewhere it is passed explicitly or left empty (a command or the system).
"""

from uuid import uuid4

from django.contrib.auth.models import Group
from django.utils.functional import LazyObject, empty
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

ROLES_CHANGED = "cocrea.roles_changed"
SUPERUSER_CHANGED = "cocrea.superuser_changed"
TWO_FACTOR_ENABLED = "cocrea.two_factor_enabled"
TWO_FACTOR_DISABLED = "cocrea.two_factor_disabled"
PERSONAL_DATA_ERASED = "cocrea.personal_data_erased"


def unwrap(person):
    """The model instance behind ``request.user``, which the auth and OTP middleware wrap in lazy objects.

    Wagtail picks the log model by the instance's type and silently logs nothing for a wrapper.
    """
    while isinstance(person, LazyObject):
        if person._wrapped is empty:
            person._setup()
        person = person._wrapped
    return person


def log_about(person, action, *, by=None, **kwargs):
    """Log ``action`` about ``person`` (a user), done by ``by`` (default: Wagtail's active log context)."""
    return log(unwrap(person), action, user=unwrap(by) if by is not None else None, **kwargs)


class RolesChangedFormatter(LogFormatter):
    label = _("Change roles")

    def format_message(self, log_entry):
        added = ", ".join(log_entry.data.get("added", [])) or "—"
        removed = ", ".join(log_entry.data.get("removed", [])) or "—"
        return format_lazy(_("Roles changed. Added: {added}. Removed: {removed}."), added=added, removed=removed)


class SuperuserChangedFormatter(LogFormatter):
    label = _("Change administrator status")

    def format_message(self, log_entry):
        if log_entry.data.get("is_superuser"):
            return _("Made an administrator (all permissions).")
        return _("No longer an administrator.")


class TwoFactorEnabledFormatter(LogFormatter):
    label = _("Turn on two-step verification")
    message = _("Two-step verification turned on.")


class TwoFactorDisabledFormatter(LogFormatter):
    label = _("Turn off two-step verification")
    message = _("Two-step verification turned off.")


class PersonalDataErasedFormatter(LogFormatter):
    label = _("Erase personal data")
    message = _("Personal data erased: the account was anonymised and deactivated.")


FORMATTERS = {
    ROLES_CHANGED: RolesChangedFormatter,
    SUPERUSER_CHANGED: SuperuserChangedFormatter,
    TWO_FACTOR_ENABLED: TwoFactorEnabledFormatter,
    TWO_FACTOR_DISABLED: TwoFactorDisabledFormatter,
    PERSONAL_DATA_ERASED: PersonalDataErasedFormatter,
}


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
