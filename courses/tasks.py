"""Background work for courses: thin, idempotent wrappers around ``courses.services``."""

from celery import shared_task

from . import services
from .catalogue import CARD_IMAGE_FILTERS
from .models import CoursePage


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def recompute_course_progress(course_id):
    return services.recompute_course_progress(course_id)


@shared_task
def recompute_all_course_progress():
    """Nightly safety net: refresh every course, in case a recompute message was lost while the broker was down.

    A change to a course's published structure queues ``recompute_course_progress`` for it
    (``core.background.enqueue_on_commit`` with ``once_per_transaction``: however many of its pages changed)."""
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
