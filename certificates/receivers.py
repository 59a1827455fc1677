"""Reactions to other apps: a completed course gets its certificate; an erased person's certificates forget them."""

from accounts.signals import personal_data_erased
from core.background import enqueue_on_commit
from courses.signals import course_completed

from . import services


def on_course_completed(sender, enrolment, **kwargs):
    """Sent after commit; a broker outage is logged, never raised, and the sweep issues the certificate later."""
    from .tasks import deliver_certificate

    enqueue_on_commit(deliver_certificate, enrolment.pk)


def on_personal_data_erased(sender, user, erased_by=None, **kwargs):
    services.forget_holder(user, erased_by=erased_by)


def connect():
    course_completed.connect(on_course_completed, dispatch_uid="certificates.course_completed")
    personal_data_erased.connect(on_personal_data_erased, dispatch_uid="certificates.personal_data_erased")
