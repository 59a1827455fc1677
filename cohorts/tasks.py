"""Thin Celery wrappers around ``cohorts.reminders``."""

from celery import shared_task

from . import announcements, reminders


@shared_task
def evaluate_reminders():
    """Hourly on beat: record the reminders due now, then send them. Running it twice sends nothing twice."""
    outcome = reminders.evaluate()
    emailed = announcements.email_unsent()  # the sweep for announcements whose task was lost
    return {"recorded": outcome.recorded, "sent": outcome.sent, "announcement_emails": emailed}


@shared_task
def send_due_reminders():
    """Send what is recorded and due (a coordinator's reminders, at once or the next morning)."""
    return reminders.send_due().sent


@shared_task
def email_announcement(announcement_id):
    """Email an announcement to the people who opted in, once each (after the announcement is committed)."""
    return announcements.email(announcement_id)


@shared_task
def apply_import(bulk_import_id):
    """Apply a confirmed list of officials (all or nothing), then email its invitations."""
    from . import imports, invitations

    imports.apply(bulk_import_id)
    invitations.send_for_import(bulk_import_id)


@shared_task
def send_import_invitations(bulk_import_id):
    """Email the invitations of an applied list that have not left yet (safe to run again)."""
    from . import invitations

    invitations.send_for_import(bulk_import_id)


@shared_task
def sweep_invitation_lists():
    """Every few minutes on beat: queue again the lists and invitation emails whose task was lost."""
    from . import imports

    return imports.sweep()
