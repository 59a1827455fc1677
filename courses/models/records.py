"""Learner records: enrolments and completions. Plain models, written only through ``courses.services``.

Records outlive edits to content. Pages are never deleted from under a record: the foreign keys to pages are
``SET_NULL`` and each record keeps a snapshot of the title it was earned on, so deleting a lesson or a course
leaves the learner's history (and the certificate that depends on it) intact. Moving, renaming, unpublishing or
adding pages does not touch the records at all; progress is recomputed against what is currently required.

``Enrolment`` also carries the learner's progress in that course (items done, percent, last activity),
maintained on every write, so listings and reports read one row per enrolment and never count completions.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnrolmentQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def active(self):
        """Enrolments in courses that are still published."""
        return self.filter(course__live=True)

    def in_progress(self):
        return self.filter(completed_at__isnull=True)

    def completed(self):
        return self.filter(completed_at__isnull=False)


class Enrolment(models.Model):
    """One learner in one course, with when they enrolled, started and completed, and their progress."""

    # Both foreign keys are covered by the indexes in Meta (user by the unique constraint, course by the
    # composite indexes), so they get no index of their own: fewer indexes to write on every completion.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrolments",
        db_index=False,
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
        db_index=False,
    )
    course_title = models.CharField(_("course title"), max_length=255, help_text=_("Kept if the course is deleted."))
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity at"), default=timezone.now)
    items_required = models.PositiveIntegerField(_("required items"), default=0)
    items_done = models.PositiveIntegerField(_("required items done"), default=0)
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="enrolment_one_per_learner_and_course"),
            models.CheckConstraint(condition=Q(progress_percent__lte=100), name="enrolment_percent_at_most_100"),
            models.CheckConstraint(
                condition=Q(items_done__lte=F("items_required")), name="enrolment_done_at_most_required"
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(started_at__isnull=False),
                name="enrolment_completed_only_once_started",
            ),
        ]
        indexes = [
            # What reports filter and sort on: a course's completions and activity, and both across courses.
            models.Index(fields=["course", "completed_at"], name="enrolment_course_completed"),
            models.Index(fields=["course", "last_activity_at"], name="enrolment_course_activity"),
            models.Index(fields=["completed_at"], name="enrolment_completed"),
            models.Index(fields=["last_activity_at"], name="enrolment_activity"),
        ]

    def __str__(self):
        return f"{self.user} · {self.course_title}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.written()

    @classmethod
    def from_db(cls, db, field_names, values):
        """Keep what the row held when it was read (as Django's "customizing model loading" does), so that a
        receiver can tell which figures a later save changed without reading the row again."""
        instance = super().from_db(db, field_names, values)
        instance._loaded = (field_names, values)
        return instance

    def written(self):
        """Take the instance as the row now holds it (after ``save``, or a statement that wrote its values): the
        receivers of its next save compare with this, not with the row as first read."""
        names = [field.attname for field in self._meta.concrete_fields]
        self._loaded = (names, [getattr(self, name) for name in names])

    @property
    def loaded_values(self):
        """``{field: value}`` as the row was read from the database or last written (empty for an enrolment not
        read nor written yet)."""
        field_names, values = getattr(self, "_loaded", ((), ()))
        return dict(zip(field_names, values, strict=True))

    @property
    def is_complete(self):
        return self.completed_at is not None


class Completion(models.Model):
    """A learner completed one course item (read a lesson, passed a quiz). One per learner and item."""

    # Indexed by the unique (user, item) constraint and the (item, user) index below, not one by one.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="completions",
        db_index=False,
    )
    item = models.ForeignKey(
        "courses.CourseItem",
        verbose_name=_("item"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="completions",
        db_index=False,
    )
    item_title = models.CharField(_("item title"), max_length=255, help_text=_("Kept if the item is deleted."))
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)
    #: The key a device gave the completion when the learner marked it offline (``courses.offline``): its replays
    #: find this record instead of making another.
    idempotency_key = models.UUIDField(_("idempotency key"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        constraints = [
            models.UniqueConstraint(fields=["user", "item"], name="completion_one_per_learner_and_item"),
            models.UniqueConstraint(fields=["idempotency_key"], name="completion_one_per_idempotency_key"),
        ]
        indexes = [
            # Recomputing a course's enrolments reads the completions of its items, learner by learner.
            models.Index(fields=["item", "user"], name="completion_item_user"),
        ]

    def __str__(self):
        return f"{self.user} · {self.item_title}"
