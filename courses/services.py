"""Writes to learner records: enrolling, completing items, keeping progress up to date, completing courses.

Progress is *required items done / required items currently required*, where "required" means a published,
non-optional item of a published module of the course. Each enrolment stores its figures; they are refreshed
when the learner completes an item and, for every enrolment of a course, when the course's published structure
changes (``recompute_course_progress``). A course is completed exactly once: the first writer to see every
required item done sets ``completed_at`` with a conditional UPDATE, and ``course_completed`` is sent after the
transaction commits.

Completion is never taken back. When a course's requirements grow after a learner completed it (a lesson added,
an optional item made required), their progress counts the new items as not done, but the course stays
completed on its date and its certificate stays valid; the course page says what was added since
(``CourseOutline.requirements_grew``).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, FilteredRelation, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_save
from django.utils import timezone

from .models import Completion, CourseItem, CoursePage, Enrolment
from .outline import prerequisites_of
from .progress import is_required, progress_percent, progress_percent_expression
from .signals import course_completed, enrolments_changed


class NotEnrolled(Exception):
    """The learner must enrol in the course before completing its items."""


class EmailNotConfirmed(Exception):
    """The learner has not confirmed their email address yet (``accounts.confirmation``)."""


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


def enrol(learner, course):
    """Enrol ``learner`` in ``course`` (idempotent). Returns ``(enrolment, created)``.

    Completions the learner already holds for the course's items (e.g. a lesson moved here from another course)
    count at once. Only people who confirmed their email address may enrol.
    """
    if not learner.email_confirmed_at:
        raise EmailNotConfirmed
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


def complete_item(learner, item, enrolment=None):
    """Record that ``learner`` completed ``item`` (idempotent: a replay finds the existing record).

    Callers check that the item is open to the learner (``CourseOutline``); this checks the enrolment and
    serialises concurrent completions by the same learner in the same course on the enrolment row, read with the
    learner's completion of the item in one query; a new completion is then inserted under that lock.

    A caller that has just read the learner's enrolment in the item's course (``CourseOutline.enrolment``) passes
    it as ``enrolment``: on PostgreSQL a new completion then costs one statement, the insert and an UPDATE of the
    enrolment from the figures it was read with (``record_new_completion``), and takes the locked way only when
    something changed the enrolment in between or the completion exists already. SQLite, which runs one writer at
    a time and has no data-modifying ``WITH``, always takes the locked way.
    """
    try:
        if enrolment is not None and connection.vendor == "postgresql":  # one statement needs PostgreSQL's WITH
            return record_new_completion(learner, item, enrolment)
        return record_completion(learner, item)
    except IntegrityError:  # recorded meanwhile (a double click, or under another course's lock): found now
        return record_completion(learner, item)


def record_new_completion(learner, item, enrolment):
    """Insert the completion and move the enrolment on from the figures ``enrolment`` was read with, in one
    statement (``insert_and_advance``): if nothing changed the row since, its new figures are known exactly without
    reading it again or locking it first (the transaction around it holds what the enrolment's receivers write with
    it: the reports' summaries). If something did (another
    completion of the same learner meanwhile), the new completion is counted on the row read again under its lock
    (``count_completion``). A completion that exists already is left as it is and found (``record_completion``)."""
    course = item.get_course()
    if enrolment.course_id != course.pk:  # read for another course than the item's now: the locked way decides
        return record_completion(learner, item)
    completion = Completion(user=learner, item=item, item_title=item.title)
    as_read = [getattr(enrolment, field) for field in COUNTED_FIELDS]
    fields = advance(enrolment, item, completion.completed_at)
    with transaction.atomic():
        completion.pk, moved = insert_and_advance(completion, enrolment, as_read)
        if moved:
            # What saving the row would tell its receivers (``reports.receivers``).
            post_save.send(sender=Enrolment, instance=enrolment, created=False, update_fields=frozenset(fields))
            enrolment.written()
    if completion.pk is None:  # recorded already (a double click, a replay)
        return record_completion(learner, item)
    completion._state.adding, completion._state.db = False, connection.alias
    if moved:
        return CompletionResult(completion, True, complete_if_done(enrolment))
    with transaction.atomic():
        locked = Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        if locked is not None:
            locked.course = course
            completed = count_completion(locked, item, completion.completed_at)
    if locked is None:  # unenrolled meanwhile: the completion is not kept
        completion.delete()
        raise NotEnrolled
    return CompletionResult(completion, True, completed)


#: ``insert_and_advance`` as one statement: the insert, then the enrolment's UPDATE only if the insert happened and
#: its ``COUNTED_FIELDS`` are as read (the sub-statements of a ``WITH`` share one snapshot and commit together).
INSERT_AND_ADVANCE = """
    WITH new AS (
        INSERT INTO courses_completion (user_id, item_id, item_title, completed_at) VALUES (%s, %s, %s, %s)
        ON CONFLICT DO NOTHING
        RETURNING id
    ), moved AS (
        UPDATE courses_enrolment SET started_at = %s, last_activity_at = %s, items_done = %s, progress_percent = %s
        WHERE id = %s AND EXISTS (SELECT FROM new)
            AND items_done IS NOT DISTINCT FROM %s AND items_required IS NOT DISTINCT FROM %s
            AND started_at IS NOT DISTINCT FROM %s AND completed_at IS NOT DISTINCT FROM %s
        RETURNING 1
    )
    SELECT (SELECT id FROM new), EXISTS (SELECT FROM moved)
"""


def insert_and_advance(completion, enrolment, as_read):
    """Insert ``completion`` unless the learner holds one of its item already, and write the enrolment's progress
    (as ``advance`` left it) if the insert happened and its ``COUNTED_FIELDS`` are still ``as_read``, in one
    statement, atomic by itself: no lock is taken before it. Returns the new completion's id (``None`` if
    there was one already) and whether the enrolment was written."""
    progress = [enrolment.started_at, enrolment.last_activity_at, enrolment.items_done, enrolment.progress_percent]
    record = [completion.user_id, completion.item_id, completion.item_title, completion.completed_at]
    with connection.cursor() as cursor:
        cursor.execute(INSERT_AND_ADVANCE, [*record, *progress, enrolment.pk, *as_read])
        return cursor.fetchone()


def record_completion(learner, item):
    course = item.get_course()
    mine = Completion.objects.filter(user=learner, item=item).values("pk")[:1]
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update()
            .filter(user=learner, course=course)
            .annotate(completion_id=Subquery(mine))
            .first()
        )
        if enrolment is None:
            raise NotEnrolled
        if enrolment.completion_id is not None:
            return CompletionResult(Completion.objects.get(pk=enrolment.completion_id), False, False)
        enrolment.course = course
        completion = Completion.objects.create(user=learner, item=item, item_title=item.title)
        completed = count_completion(enrolment, item, completion.completed_at)
    return CompletionResult(completion, True, completed)


def count_completion(enrolment, item, completed_at):
    """Add a new completion of ``item`` to the enrolment's figures (locked by the caller) without recounting.

    The item is open to the learner (the caller checked), so it is published in a published module: it counts
    towards progress unless it is optional. The figures stay what a recount would give because every change to
    what a course requires recounts its enrolments (``recompute_course_progress``), and the nightly recount
    (``courses.tasks.recompute_all_course_progress``) corrects any that a lost message left behind.
    Returns whether this completed the course.
    """
    enrolment.save(update_fields=advance(enrolment, item, completed_at))
    return complete_if_done(enrolment)


#: The enrolment's fields a completion is counted from (``record_new_completion`` checks they are as read).
COUNTED_FIELDS = ("items_done", "items_required", "started_at", "completed_at")


def advance(enrolment, item, completed_at):
    """Count a new completion of ``item`` in ``enrolment`` (in memory); returns the fields that changed."""
    enrolment.started_at = enrolment.started_at or completed_at
    enrolment.last_activity_at = completed_at
    fields = ["started_at", "last_activity_at"]
    if is_required(item) and enrolment.items_done < enrolment.items_required:
        enrolment.items_done += 1
        enrolment.progress_percent = progress_percent(enrolment.items_done, enrolment.items_required)
        fields += ["items_done", "progress_percent"]
    return fields


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
    enrolments_changed.send(sender=Enrolment, course_id=enrolment.course_id, user_id=enrolment.user_id)
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
    if not enrolment.started_at:
        enrolments_changed.send(sender=Enrolment, course_id=enrolment.course_id, user_id=enrolment.user_id)


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
            progress_percent=progress_percent_expression(done, Value(required_count)),
            course_title=course.title,
        )
        finished = enrolments.filter(completed_at__isnull=True, items_required__gt=0, items_done=F("items_required"))
        for enrolment in finished:
            complete_if_done(enrolment)
        if changed:
            enrolments_changed.send(sender=Enrolment, course_id=course.pk, user_id=None)
    return changed
