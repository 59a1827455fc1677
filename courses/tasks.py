"""Background work for courses: thin, idempotent wrappers around ``courses.services``."""

import logging

from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError

from . import services
from .catalogue import CARD_IMAGE_FILTERS
from .models import CoursePage

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def recompute_course_progress(course_id):
    return services.recompute_course_progress(course_id)


@shared_task
def recompute_all_course_progress():
    """Nightly safety net: refresh every course, in case a recompute message was lost while the broker was down."""
    for course_id in CoursePage.objects.values_list("pk", flat=True):
        services.recompute_course_progress(course_id)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def prepare_card_images(course_id):
    """The catalogue card's sizes of a course's cover picture, made by a worker when the course is published.

    Otherwise the first visitor of the catalogue makes them in a web process: decoding and resizing the picture
    raised a worker's peak memory by some 50 MB (``make bench``). If this task is lost, that is what happens.
    """
    course = CoursePage.objects.filter(pk=course_id).select_related("cover_image").first()
    if course is not None and course.cover_image is not None:
        course.cover_image.get_renditions(*CARD_IMAGE_FILTERS)


def enqueue_recompute(course_id):
    """Queue a recompute. A broker outage never fails the editor's request: it is logged, and the nightly task
    catches up."""
    try:
        recompute_course_progress.delay(course_id)
    except OperationalError:
        logger.exception("Could not queue the progress recompute of course %s", course_id)


class RecomputeOnCommit:
    """The courses to recompute when the current transaction commits, each once: unpublishing a module with
    its lessons, or deleting a course, changes many pages but needs one recompute per course."""

    def __init__(self):
        self.course_ids = set()
        self.sent = False

    def __call__(self):
        self.sent = True
        for course_id in sorted(self.course_ids):
            enqueue_recompute(course_id)


def schedule_recompute(course_id):
    """Recompute a course's enrolments once the current transaction commits (at once outside a transaction)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        enqueue_recompute(course_id)
        return
    # A batch already waiting for this transaction's commit, unless a rolled-back savepoint discarded it.
    batch = next(
        (
            func
            for _ids, func, _robust in connection.run_on_commit
            if isinstance(func, RecomputeOnCommit) and not func.sent
        ),
        None,
    )
    if batch is None:
        batch = RecomputeOnCommit()
        transaction.on_commit(batch)
    batch.course_ids.add(course_id)
