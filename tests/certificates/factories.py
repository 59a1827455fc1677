"""Certificates as learners get them: by completing a course (the task runs in-process, as without a broker)."""

from certificates.models import Certificate
from tests.courses.factories import finish_course


def complete(learner, course, capture):
    """Complete ``course`` as ``learner`` and run what the completion hands to ``on_commit`` (the certificate)."""
    with capture(execute=True):
        enrolment = finish_course(learner, course)
    return Certificate.objects.current().get(enrolment=enrolment)
