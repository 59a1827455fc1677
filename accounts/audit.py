"""The audit trail for people: role changes, superuser status, two-factor set-up, data erasure, email
confirmation and membership of a municipality (requested, confirmed, rejected).

Entries are Wagtail log entries (``wagtail.log_actions.log``), so they appear in the admin's site history report
and in each user's history (``/admin/users/history/<id>/``) with who did it and when. In admin views Wagtail's log
context supplies the acting user; elsewhere it is passed explicitly or left empty (a command or the system).
"""

from django.utils.functional import LazyObject, empty
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

ROLES_CHANGED = "cocrea.roles_changed"
SUPERUSER_CHANGED = "cocrea.superuser_changed"
TWO_FACTOR_ENABLED = "cocrea.two_factor_enabled"
TWO_FACTOR_DISABLED = "cocrea.two_factor_disabled"
PERSONAL_DATA_ERASED = "cocrea.personal_data_erased"
EMAIL_CONFIRMED = "cocrea.email_confirmed"
MEMBERSHIP_REQUESTED = "cocrea.membership_requested"
MEMBERSHIP_CONFIRMED = "cocrea.membership_confirmed"
MEMBERSHIP_REJECTED = "cocrea.membership_rejected"


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


class EmailConfirmedFormatter(LogFormatter):
    label = _("Confirm email address")
    message = _("Email address confirmed with the link sent to it.")


class MembershipRequestedFormatter(LogFormatter):
    label = _("Ask to join a municipality")

    def format_message(self, log_entry):
        return format_lazy(
            _("Asked to be counted as an official of {municipality} (pending)."),
            municipality=log_entry.data.get("municipality", ""),
        )


class MembershipConfirmedFormatter(LogFormatter):
    label = _("Confirm membership of a municipality")

    def format_message(self, log_entry):
        if log_entry.data.get("domain"):
            message = _("Membership of {municipality} confirmed by the municipality's email domain.")
        else:
            message = _("Membership of {municipality} confirmed.")
        return format_lazy(message, municipality=log_entry.data.get("municipality", ""))


class MembershipRejectedFormatter(LogFormatter):
    label = _("Reject membership of a municipality")

    def format_message(self, log_entry):
        return format_lazy(
            _("Membership of {municipality} rejected."), municipality=log_entry.data.get("municipality", "")
        )


FORMATTERS = {
    ROLES_CHANGED: RolesChangedFormatter,
    SUPERUSER_CHANGED: SuperuserChangedFormatter,
    TWO_FACTOR_ENABLED: TwoFactorEnabledFormatter,
    TWO_FACTOR_DISABLED: TwoFactorDisabledFormatter,
    PERSONAL_DATA_ERASED: PersonalDataErasedFormatter,
    EMAIL_CONFIRMED: EmailConfirmedFormatter,
    MEMBERSHIP_REQUESTED: MembershipRequestedFormatter,
    MEMBERSHIP_CONFIRMED: MembershipConfirmedFormatter,
    MEMBERSHIP_REJECTED: MembershipRejectedFormatter,
}
