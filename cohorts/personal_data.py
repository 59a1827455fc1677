"""The cohorts' part of a person's data (Ley 19.628; see ``accounts.personal_data``): their reminder preferences and
the reminders recorded for them, and the invitations made to their address. Erasure deletes all of them (a mobile
number is personal data; the history and the invitations name them)."""

from django.db.models import Q

from .models import Invitation, Preferences, Reminder


def export_reminders(user):
    """Listed in ``settings.PERSONAL_DATA_EXPORTERS``."""
    preferences = Preferences.objects.filter(user=user).first()
    return {
        "reminder_preferences": None
        if preferences is None
        else {
            "channel": preferences.channel,
            "mobile": preferences.mobile,
            "time_zone": preferences.time_zone,
            "announcements_by_email": preferences.announcements_by_email,
            "email_bounced_at": preferences.email_bounced_at,
            "unsubscribed_at": preferences.unsubscribed_at,
        },
        "reminders": [
            {
                "cohort": reminder.cohort.title,
                "kind": reminder.kind,
                "day": reminder.day,
                "channel": reminder.channel,
                "status": reminder.status,
                "sent_at": reminder.sent_at,
            }
            for reminder in Reminder.objects.filter(user=user).select_related("cohort").order_by("created_at")
        ],
    }


def erase_reminders(sender, user, **kwargs):
    Preferences.objects.filter(user=user).delete()
    Reminder.objects.filter(user=user).delete()


def invitations_of(user):
    return Invitation.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def export_invitations(user):
    """Listed in ``settings.PERSONAL_DATA_EXPORTERS``: the invitations made to the person's address."""
    return {
        "invitations": [
            {
                "cohort": invitation.cohort.title,
                "email": invitation.email,
                "first_name": invitation.first_name,
                "last_name": invitation.last_name,
                "position": invitation.position,
                "invited_at": invitation.created_at,
                "sent_at": invitation.sent_at,
                "accepted_at": invitation.accepted_at,
                "cancelled_at": invitation.cancelled_at,
            }
            for invitation in invitations_of(user).select_related("cohort").order_by("created_at")
        ]
    }


def erase_invitations(sender, user, **kwargs):
    invitations_of(user).delete()
