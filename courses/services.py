"""Writes to learner records: enrolling, completing items, keeping progress up to date, completing courses.

Progress is *required items done / required items currently required*, where "required" means a published,
non-optional item of a published module of the course. Each enrolment stores its figures; they are refreshed
when the learner completes an item and, for every enrolment of a course, when the course's published structure
changes (``recompute_course_progress``). A course is completed exactly once: the first writer to see every
required item done sets ``completed_at`` with a conditional UPDATE, and ``course_completed`` is sent after the
transaction commits.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, F, FilteredRelation, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Completion, CourseItem, CoursePage, Enrolment
from .outline import prerequisites_of
from .signals import course_completed


class NotEnrolled(Exception):
    """The learner must enrol in the course before completing its items."""


class PrerequisitesMissing(Exception):
    """The learner has not completed the courses this one requires."""

    def __init__(self, courses):
        super().__init__(", ".join(course.title for course in courses))
        self.courses = courses


@dataclass
class CompletionResult:
    completion: Completion
    created: bool
    course_completed: bool


def required_items(course):
    return CourseItem.objects.required().in_course(course)


def progress_percent(done, required):
    return done * 100 // required if required else 0


def enrol(learner, course):
    """Enrol ``learner`` in ``course`` (idempotent). Returns ``(enrolment, created)``.

    Completions the learner already holds for the course's items (e.g. a lesson moved here from another course)
    count at once.
    """
    missing = [prerequisite.course for prerequisite in prerequisites_of(course, learner) if not prerequisite.met]
    if missing:
        raise PrerequisitesMissing(missing)
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(
            user=learner, course=course, defaults={"course_title": course.title}
        )
        if created:
            refresh_progress(enrolment)
    return enrolment, created


def complete_item(learner, item):
    """Record that ``learner`` completed ``item`` (idempotent: a replay finds the existing record).

    Callers check that the item is open to the learner (``CourseOutline``); this checks the enrolment and
    serialises concurrent completions by the same learner in the same course on the enrolment row.
    """
    course = item.get_course()
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().filter(user=learner, course=course).first()
        if enrolment is None:
            raise NotEnrolled
        enrolment.course = course
        completion, created = Completion.objects.get_or_create(
            user=learner, item=item, defaults={"item_title": item.title}
        )
        completed = False
        if created:
            enrolment.started_at = enrolment.started_at or completion.completed_at
            enrolment.last_activity_at = completion.completed_at
            completed = refresh_progress(enrolment)
    return CompletionResult(completion, created, completed)


def refresh_progress(enrolment):
    """Recount one enrolment against what its course requires now; complete it if everything is done.

    Returns whether this call completed the course.
    """
    mine = FilteredRelation("completions", condition=Q(completions__user_id=enrolment.user_id))
    counts = required_items(enrolment.course).annotate(mine=mine).aggregate(required=Count("pk"), done=Count("mine"))
    enrolment.items_required, enrolment.items_done = counts["required"], counts["done"]
    enrolment.progress_percent = progress_percent(enrolment.items_done, enrolment.items_required)
    enrolment.course_title = enrolment.course.title
    enrolment.save(
        update_fields=[
            "items_required",
            "items_done",
            "progress_percent",
            "course_title",
            "started_at",
            "last_activity_at",
        ]
    )
    return complete_if_done(enrolment)


def complete_if_done(enrolment):
    """Mark the enrolment complete if every required item is done and no one has marked it already.

    The conditional UPDATE makes this safe against concurrent callers: exactly one of them changes the row, and
    only that one sends ``course_completed`` (after commit, so listeners see the completed enrolment).
    """
    if enrolment.completed_at or not enrolment.items_required or enrolment.items_done < enrolment.items_required:
        return False
    now = timezone.now()
    changed = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
        completed_at=now, started_at=Coalesce(F("started_at"), now)
    )
    if not changed:
        return False
    enrolment.refresh_from_db(fields=["completed_at", "started_at"])
    transaction.on_commit(lambda: course_completed.send(sender=Enrolment, enrolment=enrolment))
    return True


#: A learner's last activity is kept to this precision: reading lesson after lesson writes the enrolment once.
ACTIVITY_PRECISION = timedelta(minutes=5)


def record_activity(enrolment):
    """A learner opened an item: the enrolment is started (once) and its last activity is now, give or take
    ``ACTIVITY_PRECISION`` (``enrolment`` as loaded for the page tells whether the row needs writing)."""
    now = timezone.now()
    if enrolment.started_at and enrolment.last_activity_at > now - ACTIVITY_PRECISION:
        return
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now, started_at=Coalesce(F("started_at"), now))


def recompute_course_progress(course_id):
    """Refresh every enrolment of a course after its published structure changed (a lesson added, moved,
    unpublished, made optional…), and complete those that now have everything done. Idempotent.

    One UPDATE statement whatever the number of enrolments: each enrolment's count comes from a subquery on the
    (user, item) index of the course's required items, and only the enrolments whose figures change are written.
    Returns how many changed.
    """
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None:
        return 0
    # A course has tens of items: their ids as literals keep the per-enrolment subquery a plain index lookup.
    required_ids = list(required_items(course).values_list("pk", flat=True))
    required_count = len(required_ids)
    done = Coalesce(
        Subquery(
            Completion.objects.filter(user=OuterRef("user_id"), item_id__in=required_ids)
            .order_by()
            .values("user")
            .annotate(done=Count("pk"))
            .values("done")
        ),
        0,
    )
    enrolments = Enrolment.objects.filter(course=course)
    stale = enrolments.annotate(done=done).exclude(
        items_required=required_count, items_done=F("done"), course_title=course.title
    )
    with transaction.atomic():
        changed = Enrolment.objects.filter(pk__in=stale.values("pk")).update(
            items_required=required_count,
            items_done=done,
            progress_percent=done * 100 / required_count if required_count else Value(0),
            course_title=course.title,
        )
        finished = enrolments.filter(completed_at__isnull=True, items_required__gt=0, items_done=F("items_required"))
        for enrolment in finished:
            complete_if_done(enrolment)
    return changed
