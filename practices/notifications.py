"""Emails about practices: to the course's trainers when one is submitted, to its authors when it is reviewed.

Sent after the commit (``services``); a mail server that does not answer is logged, never a failed request.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .models import PracticeVersion, Review

logger = logging.getLogger(__name__)


def _send(subject_template, body_template, context, recipients):
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    context = {**context, "site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")}
    with translation.override("es"):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    try:
        send_mail(subject, body, None, recipients)
    except OSError:
        logger.exception("The email about a practice could not be sent (%s)", subject)


def tell_trainers(version_id):
    version = PracticeVersion.objects.select_related("practice__item", "practice__municipality").get(pk=version_id)
    item = version.practice.item
    course = item.get_course() if item is not None else None
    trainers = list(course.trainers.all()) if course is not None else []
    _send(
        "practices/email/submitted_subject.txt",
        "practices/email/submitted.txt",
        {"version": version, "practice": version.practice, "item": item, "course": course},
        [trainer.email for trainer in trainers],
    )


def tell_authors(review_id):
    review = Review.objects.select_related("version__practice__item", "version__practice__author").get(pk=review_id)
    practice = review.version.practice
    authors = [practice.author, *practice.coauthors.all()]
    _send(
        "practices/email/reviewed_subject.txt",
        "practices/email/reviewed.txt",
        {"review": review, "practice": practice, "item": practice.item},
        [author.email for author in authors if author.is_active],
    )
