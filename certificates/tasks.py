"""Background work for certificates: thin Celery wrappers around ``services`` and ``archives``.

``deliver_certificate`` is acknowledged late and rejected when its worker dies (``task_reject_on_worker_lost``),
so a worker killed mid-render leaves the job to another instead of dropping it; the broker redelivers a job not
acknowledged within ``visibility_timeout`` (``VISIBILITY_TIMEOUT_SECONDS`` in the settings), which is longer than
every task's time limit and longest retry delay. Failures are retried with exponential backoff.
``issue_missing_certificates`` runs when beat starts and every two minutes, and catches up on anything lost (broker
down at completion, a worker killed for good).
"""

from celery import shared_task

from core.background import enqueue_on_commit

from . import archives, rendering, services

RETRY = {
    "autoretry_for": (Exception,),
    "retry_backoff": 5,  # 5 s, 10 s, 20 s… with jitter
    "retry_backoff_max": 10 * 60,
    "retry_jitter": True,
    "max_retries": 8,
    "acks_late": True,
    "reject_on_worker_lost": True,
}


@shared_task(soft_time_limit=rendering.TIME_LIMIT + 30, time_limit=rendering.TIME_LIMIT + 60, **RETRY)
def deliver_certificate(enrolment_id):
    certificate = services.deliver(enrolment_id)
    return certificate.code if certificate else None


@shared_task
def issue_missing_certificates():
    """The periodic sweep: completed enrolments whose certificate was never issued or never rendered."""
    missing = services.missing()
    for enrolment_id in missing:
        enqueue_on_commit(deliver_certificate, enrolment_id)
    return len(missing)


# The archive only zips PDFs already rendered: minutes at most, and under the visibility timeout.
@shared_task(soft_time_limit=10 * 60, time_limit=11 * 60, **RETRY)
def build_course_archive(course_id):
    archive = archives.build(course_id)
    return archive.file.name if archive else None
