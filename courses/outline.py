"""A course's published structure with one learner's progress in it.

The read model behind the course, module and item pages: modules and items in order, which are done, which
modules are locked (and by what), where to resume, and previous/next. Loading it costs a fixed number of
queries (modules and items, kept between publications, and for a signed-in learner one query for their
enrolment with their completions) whatever the size of the course. The addresses of the course, its catalogue,
modules and items are kept with them, as ``{% pageurl %}`` gives them on the request's site in its language.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import NamedTuple

from django.db import connection
from django.utils import translation
from wagtail.models import Page

from core import rows
from core.published import kept, site_of

from .models import Completion, CourseItem, CoursePage, Enrolment, ModulePage
from .progress import is_required, progress_percent

#: The icon an outline marks an item with, by its state (``OutlineItem.state``).
ICONS = {"done": "check", "locked": "lock", "": "circle"}


@dataclass(eq=False)
class OutlineItem:
    page: CourseItem
    module: "OutlineModule"
    url: str | None
    #: Counted in the course's progress (``courses.progress``); read once per publication.
    required: bool
    #: A lesson (completed by hand) rather than a quiz (completed by passing it); read once per publication.
    is_lesson: bool
    completed_at: datetime | None = None

    @property
    def done(self):
        return self.completed_at is not None

    @property
    def locked(self):
        return self.module.locked

    @property
    def state(self):
        """``"done"``, ``"locked"`` or ``""`` (to do): how the outline marks it (its class and ``ICONS``)."""
        return "done" if self.done else "locked" if self.module.locked else ""

    @property
    def icon(self):
        return ICONS[self.state]


@dataclass(eq=False)
class OutlineModule:
    page: ModulePage
    number: int
    url: str | None
    items: list[OutlineItem] = field(default_factory=list)
    locked: bool = False
    blocked_by: "OutlineModule | None" = None

    @property
    def required_items(self):
        return [item for item in self.items if item.required]

    @property
    def done(self):
        """Every required item is complete (a module with nothing required is done)."""
        return all(item.done for item in self.required_items)

    @property
    def next_item(self):
        """What to do next in this module."""
        return first_to_do(self.items)


def first_to_do(items):
    """The first required item not done, else the first optional one not done (None when all are done)."""
    pending = [item for item in items if not item.done]
    return next((item for item in pending if item.required), pending[0] if pending else None)


@dataclass
class Prerequisite:
    course: CoursePage
    met: bool


class PublishedItem(NamedTuple):
    page: CourseItem
    url: str | None
    required: bool
    is_lesson: bool


class PublishedModule(NamedTuple):
    page: ModulePage
    url: str | None
    items: list[PublishedItem]


class PublishedCourse(NamedTuple):
    """What is kept of a course between publications: its published modules and items, and their addresses."""

    url: str | None
    catalogue_url: str | None
    modules: list[PublishedModule]


class CourseOutline:
    def __init__(self, course, modules, enrolment=None, learner=None, url=None, catalogue_url=None):
        self.course = course
        #: The course's and its catalogue's addresses (``{% pageurl %}``'s).
        self.url = url
        self.catalogue_url = catalogue_url
        self.modules = modules
        self.items = [item for module in modules for item in module.items]
        self.enrolment = enrolment
        self.learner = learner
        self._items_by_page = {item.page.pk: item for item in self.items}
        self._modules_by_page = {module.page.pk: module for module in modules}
        if course.modules_in_order:
            self._lock_modules()

    @classmethod
    def load(cls, course, learner=None, request=None):
        """The published outline of ``course``, with ``learner``'s progress if they are signed in and enrolled.

        The modules and items, with their addresses for the request's site and language, are kept between
        publications (``core.published``); only the learner's enrolment and completions are read on every request.
        """
        if course.pk is not None:
            site = site_of(request) if request is not None else None
            key = ("course outline", course.pk, translation.get_language(), site.pk if site else None)
            published = kept(key, lambda: published_structure(course, request))
        else:
            published = published_structure(course, request)
        modules = []
        for number, (module_page, module_url, published_items) in enumerate(published.modules, start=1):
            module = OutlineModule(module_page, number, module_url)
            module.items = [
                OutlineItem(item.page, module, item.url, item.required, item.is_lesson) for item in published_items
            ]
            modules.append(module)
        addresses = {"url": published.url, "catalogue_url": published.catalogue_url}
        if learner is None or not learner.is_authenticated or course.pk is None:
            return cls(course, modules, **addresses)
        items = {item.page.pk: item for module in modules for item in module.items}
        enrolment = None
        for row in enrolment_with_completions(learner, course, items):
            enrolment = enrolment or row
            if row.done_item_id is not None:
                items[row.done_item_id].completed_at = row.done_at
        return cls(course, modules, enrolment, learner, **addresses)

    def _lock_modules(self):
        blocker = None
        for module in self.modules:
            module.locked, module.blocked_by = blocker is not None, blocker
            if blocker is None and not module.done:
                blocker = module

    def record_completion(self, page, completed_at):
        """Show ``page`` as done from now on (it was just completed), opening the next module if that finished
        this one: what loading the outline again would give, without its queries."""
        self.item_for(page).completed_at = completed_at
        self.__dict__.pop("done_count", None)
        if self.course.modules_in_order:
            self._lock_modules()

    def item_for(self, page):
        return self._items_by_page.get(page.pk)

    def module_for(self, page):
        return self._modules_by_page.get(page.pk)

    @cached_property
    def required_items(self):
        return [item for item in self.items if item.required]

    @cached_property
    def done_count(self):
        return sum(item.done for item in self.required_items)

    @property
    def required_count(self):
        return len(self.required_items)

    @property
    def percent(self):
        return progress_percent(self.done_count, self.required_count)

    @property
    def requirements_grew(self):
        """The required items a learner who completed the course has not done: added to it (or made required)
        after they completed it. Their completion and certificate stand; see ``courses.services``."""
        if self.enrolment is None or not self.enrolment.is_complete:
            return []
        return [item for item in self.required_items if not item.done]

    @property
    def only_lessons_added(self):
        return all(item.is_lesson for item in self.requirements_grew)

    def resume_item(self):
        """Where "Continuar" goes: what to do next in the modules that are open."""
        return first_to_do([item for item in self.items if not item.locked])

    def previous_item(self, item):
        index = self.items.index(item)
        return self.items[index - 1] if index > 0 else None

    def next_item(self, item):
        index = self.items.index(item)
        return self.items[index + 1] if index + 1 < len(self.items) else None

    def prerequisites(self):
        """The course's published prerequisites, each with whether this learner has completed it."""
        return prerequisites_of(self.course, self.learner)


def enrolment_with_completions(learner, course, item_ids):
    """The learner's enrolment in ``course`` with their completions of ``item_ids``, in one query: a row per
    completion (the enrolment repeated, with ``done_item_id`` and ``done_at``), or a single row without them;
    nothing when they are not enrolled. Completions are read only for an enrolled learner.

    Written in SQL (``core.rows``) because every page of a course item asks it, and the ORM took longer to build
    it (a ``FilteredRelation`` over the person's completions, two joins) than to send it and read the answer. Table
    and column names come from the models; values are parameters.
    """
    quote = connection.ops.quote_name
    enrolment, completion = Enrolment._meta, Completion._meta

    def column(meta, name):
        return quote(meta.get_field(name).column)

    item_ids = list(item_ids)
    item, completed_at = completion.get_field("item"), completion.get_field("completed_at")
    join = ""
    if item_ids:
        join = (
            f"LEFT JOIN {quote(completion.db_table)} c"
            f" ON c.{column(completion, 'user')} = t.{column(enrolment, 'user')}"
            f" AND c.{quote(item.column)} IN ({', '.join(['%s'] * len(item_ids))})"
        )
        done = [(f"c.{quote(item.column)}", item), (f"c.{quote(completed_at.column)}", completed_at)]
    else:  # nothing to have done (an empty IN is not SQL)
        done = [("NULL", item), ("NULL", completed_at)]
    where = f"WHERE t.{column(enrolment, 'user')} = %s AND t.{column(enrolment, 'course')} = %s"
    for row, (done_item_id, done_at) in rows.select(
        Enrolment, f"{join} {where}", [*item_ids, learner.pk, course.pk], extra=done
    ):
        row.done_item_id, row.done_at = done_item_id, done_at
        yield row


#: What outlines, the offline manifest and ``{% pageurl %}`` read of a module's or an item's page. Only these are
#: loaded: every request for a course's pages unpickles its kept structure, and the rest of each page (drafts,
#: revisions, scheduling, SEO) only made that copy larger and slower to read.
SHOWN_FIELDS = ("title", "slug", "url_path", "path", "depth", "live", "locale", "content_type", "last_published_at")


def published_structure(course, request=None):
    """The course's published modules and their published items in order (a ``PublishedCourse``), each with what
    outlines show of it, worked out here once per publication: its address as ``{% pageurl %}`` gives it for
    ``request``, and for an item whether it is required and whether it is a lesson."""
    modules = {
        page.path: PublishedModule(page, page.get_url(request), [])
        for page in ModulePage.objects.live().child_of(course).only(*SHOWN_FIELDS, "summary").order_by("path")
    }
    items = CourseItem.objects.live().in_course(course).only(*SHOWN_FIELDS, "summary", "estimated_minutes", "optional")
    for page in items.order_by("path"):
        module = modules.get(page.path[: -Page.steplen])
        if module is not None:  # items of an unpublished module are not part of the course
            lesson = page.specific_class.manual_completion
            module.items.append(PublishedItem(page, page.get_url(request), is_required(page), lesson))
    return PublishedCourse(course.get_url(request), course.catalogue().get_url(request), list(modules.values()))


def prerequisites_of(course, learner):
    courses = [prerequisite for prerequisite in course.prerequisites.all() if prerequisite.live]
    completed = set()
    if courses and learner is not None and learner.is_authenticated:
        completed = set(
            Enrolment.objects.completed().filter(user=learner, course__in=courses).values_list("course_id", flat=True)
        )
    return [Prerequisite(prerequisite, prerequisite.pk in completed) for prerequisite in courses]
