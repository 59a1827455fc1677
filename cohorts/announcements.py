"""Announcements: who may post them where, who they reach, and their emails (once per person).

- Ministry staff (and superusers) post to any course or any cohort; their announcement reaches everyone in it.
- A municipal coordinator posts to the cohorts of their own comuna (``CohortAccess``: another comuna's cohort does
  not exist for them); the announcement reaches their comuna's people only, also in a cohort shared with others.
- A trainer posts to the courses they teach; it reaches everyone enrolled in the course.
- Nobody else posts (403).

A learner sees, on "Mi aprendizaje", the newest few announcements of the last weeks of their courses and cohorts.
The emails go in the background after the announcement is committed (``tasks.email_announcement``), only to people
who opted in (``Preferences.announcements_by_email``), whose address has not bounced and whose account is active.
Each email is recorded before it is sent under a unique (announcement, person) key, then claimed, marked sent and
sent, as reminders are: a task run twice, or a sweep that runs it again, sends nothing twice.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation

from core.background import enqueue_on_commit
from courses.models import CoursePage, Enrolment
from reports.scope import Reach, ReportScope

from .access import CohortAccess
from .kept import kept_for_comuna
from .models import Announcement, AnnouncementEmail
from .progress import cohort_enrolments
from .reminders import absolute, unsubscribable_email, unsubscribe_url

logger = logging.getLogger(__name__)

#: How many announcements "Mi aprendizaje" shows, and for how long after they were posted.
SHOWN = 3
SHOWN_FOR = datetime.timedelta(days=45)
#: How many a cohort's page lists.
LISTED_ON_COHORT = 20
#: Emails claimed and sent per transaction.
EMAIL_BATCH = 500
#: The hourly sweep emails again announcements whose task was lost, up to this long after they were posted.
SWEEP_WITHIN = datetime.timedelta(days=2)


@dataclass(frozen=True)
class Poster:
    """What one person may post to: decided on the server for every request (see the module docstring)."""

    user: object
    reach: Reach

    @classmethod
    def of(cls, user):
        return cls(user, ReportScope.of(user).reach)

    @property
    def is_ministry(self):
        return self.reach is Reach.MINISTRY

    def courses(self):
        """The courses this person may announce to as a whole (coordinators: none, they announce to cohorts)."""
        courses = CoursePage.objects.defer_streamfields().order_by("title")
        if self.reach is Reach.MINISTRY:
            return courses
        if self.reach is Reach.TRAINER:
            return courses.filter(trainers=self.user)
        return courses.none()

    def course(self, pk):
        course = self.courses().filter(pk=pk).first()
        if course is None:
            raise Http404
        return course


def cohort_poster(user, pk):
    """``(access, cohort)`` for posting to cohort ``pk``: 403 for people who run no cohort, 404 for a cohort they
    may not see (another comuna's)."""
    access = CohortAccess.of(user)
    return access, access.cohort(pk)


@transaction.atomic
def post(form, author, *, course=None, cohort=None, access=None):
    """Save the announcement of a valid ``AnnouncementForm`` to ``course`` or ``cohort`` and email it after commit.
    A coordinator's announcement to a cohort is for their comuna's people only."""
    if (course is None) == (cohort is None) or (cohort is not None and access is None):
        raise ValueError("An announcement goes to a course, or to a cohort with the poster's access.")
    announcement = form.save(commit=False)
    announcement.author = author
    announcement.course = cohort.course if cohort is not None else course
    announcement.cohort = cohort
    if cohort is not None and not access.is_ministry:
        announcement.municipality_id = author.municipality_id
    announcement.save()
    from . import tasks

    enqueue_on_commit(tasks.email_announcement, announcement.pk)
    return announcement


def audience(announcement):
    """The enrolments an announcement is for (a queryset)."""
    if announcement.cohort_id is not None:
        cohort = announcement.cohort
        ids = list(cohort.municipalities.values_list("pk", flat=True))
        if announcement.municipality_id is not None:
            ids = [pk for pk in ids if pk == announcement.municipality_id]
        return cohort_enrolments(cohort, ids)
    enrolments = Enrolment.objects.filter(course_id=announcement.course_id)
    if announcement.municipality_id is not None:
        enrolments = enrolments.filter(user__municipality_id=announcement.municipality_id)
    return enrolments


def visible_to(user, course_ids, now=None, limit=SHOWN):
    """The newest announcements for ``user`` of ``course_ids`` (the courses they are enrolled in), posted in the last
    ``SHOWN_FOR``, to the whole course or to a cohort of their comuna, and for everyone or for their comuna.

    Those of the day's window are kept for everyone of the comuna enrolled in the same courses (``cohorts.kept``);
    no query while they are."""
    if not user.is_authenticated or not course_ids:
        return []
    now = now or timezone.now()
    course_ids = sorted(set(course_ids))
    day = now.astimezone(datetime.UTC).date()
    since = datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC) - SHOWN_FOR
    if user.municipality_id is None:
        reach = Q(cohort__isnull=True, municipality__isnull=True)
    else:
        reach = (Q(cohort__isnull=True) | Q(cohort__municipalities=user.municipality_id)) & (
            Q(municipality__isnull=True) | Q(municipality_id=user.municipality_id)
        )
    recent = kept_for_comuna(
        ("announcements", user.municipality_id, day.isoformat(), *course_ids),
        lambda: list(
            Announcement.objects.filter(reach, course_id__in=course_ids, created_at__gte=since)
            .select_related("course", "cohort")
            .only("title", "body", "created_at", "course__title", "course_id", "cohort__title", "cohort_id")
            .order_by("-created_at", "-pk")
        ),
    )
    return [announcement for announcement in recent if now - SHOWN_FOR <= announcement.created_at <= now][:limit]


def for_cohort(cohort, access):
    """A cohort's announcements as its page lists them: a coordinator sees those for everyone and their comuna's."""
    announcements = cohort.announcements.select_related("author", "municipality")
    if not access.is_ministry:
        announcements = announcements.filter(
            Q(municipality__isnull=True) | Q(municipality_id=access.user.municipality_id)
        )
    return announcements


# Emails --------------------------------------------------------------------------------------------------------------


def opted_in(prefix="user__"):
    """People an announcement may be emailed to: opted in, address not bounced, active, not erased, with an email."""
    return Q(
        **{
            f"{prefix}reminder_preferences__announcements_by_email": True,
            f"{prefix}reminder_preferences__email_bounced_at__isnull": True,
            f"{prefix}is_active": True,
            f"{prefix}erased_at__isnull": True,
        }
    ) & ~Q(**{f"{prefix}email": ""})


def record_emails(announcement, now):
    """Record one pending email per person of the audience who opted in; people already recorded are skipped by the
    unique key. Returns how many were recorded now."""
    recipients = audience(announcement).filter(opted_in()).order_by().values_list("user_id", flat=True).distinct()
    rows = [AnnouncementEmail(announcement=announcement, user_id=user_id, created_at=now) for user_id in recipients]
    before = AnnouncementEmail.objects.filter(announcement=announcement).count()
    AnnouncementEmail.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return AnnouncementEmail.objects.filter(announcement=announcement).count() - before


def email(announcement_id, now=None, batch_size=EMAIL_BATCH):
    """Email announcement ``announcement_id`` to everyone who opted in: record, then claim, mark sent and send, batch
    by batch. Safe to run twice at once. Returns how many emails were sent."""
    now = now or timezone.now()
    announcement = Announcement.objects.select_related("course", "cohort", "author").filter(pk=announcement_id).first()
    if announcement is None:
        return 0
    record_emails(announcement, now)
    sent = 0
    while True:
        with transaction.atomic():
            claimed = list(
                AnnouncementEmail.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(announcement=announcement, status=AnnouncementEmail.Status.PENDING)
                .select_related("user__reminder_preferences")
                .order_by("pk")[:batch_size]
            )
            if not claimed:
                break
            # Preferences may have changed since they were recorded (a bounce, an unsubscribe).
            allowed = set(
                AnnouncementEmail.objects.filter(pk__in=[e.pk for e in claimed])
                .filter(opted_in())
                .values_list("pk", flat=True)
            )
            to_send = [e for e in claimed if e.pk in allowed]
            AnnouncementEmail.objects.filter(pk__in=[e.pk for e in claimed if e.pk not in allowed]).update(
                status=AnnouncementEmail.Status.CANCELLED
            )
            AnnouncementEmail.objects.filter(pk__in=[e.pk for e in to_send]).update(
                status=AnnouncementEmail.Status.SENT, sent_at=now
            )
        if deliver(announcement, to_send):
            sent += len(to_send)
        else:
            AnnouncementEmail.objects.filter(pk__in=[e.pk for e in to_send]).update(
                status=AnnouncementEmail.Status.FAILED, sent_at=None
            )
    Announcement.objects.filter(pk=announcement.pk, emailed_at__isnull=True).update(emailed_at=now)
    return sent


def deliver(announcement, emails):
    """Send one message per person; False if the mail server refused the batch (the log says why)."""
    if not emails:
        return True
    with translation.override(settings.LANGUAGE_CODE):
        try:
            messages = [message_for(announcement, row.user) for row in emails]
            mail.get_connection().send_messages(messages)
        except Exception:  # noqa: BLE001 -- a mail server that fails marks the batch failed; the log says why
            logger.exception("Could not send %s emails of announcement %s", len(emails), announcement.pk)
            return False
    return True


def message_for(announcement, user):
    context = {
        "announcement": announcement,
        "person": user,
        "course_title": announcement.course.title,
        "my_learning_url": absolute(reverse("courses:dashboard")),
        "preferences_url": absolute(reverse("cohorts:preferences")),
        "unsubscribe_url": unsubscribe_url(user),
    }
    return unsubscribable_email("cohorts/email/announcement", context, user)


def email_unsent(now=None):
    """The sweep: email the recent announcements whose task was lost (the broker was down when they were posted)."""
    now = now or timezone.now()
    pending = Announcement.objects.filter(
        emailed_at__isnull=True, created_at__gte=now - SWEEP_WITHIN, created_at__lte=now
    ).values_list("pk", flat=True)
    return sum(email(pk, now) for pk in list(pending))
