"""What the cohorts app does when something happens: an erased person's reminder preferences and history go."""

from accounts.signals import personal_data_erased

from .personal_data import erase_invitations, erase_reminders


def connect():
    personal_data_erased.connect(erase_reminders, dispatch_uid="cohorts.erase_reminders")
    personal_data_erased.connect(erase_invitations, dispatch_uid="cohorts.erase_invitations")
