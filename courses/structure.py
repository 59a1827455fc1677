"""A course's whole structure as its editors see it: every module and item, drafts included, with its status.

The learners' outline (``courses.outline``) holds only what is published; the admin's outline panel and the
checklist before submission need the drafts too, and whether each page waits in a review. Loading it costs two
queries whatever the size of the course.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils.translation import pgettext_lazy
from wagtail.models import Page, WorkflowState

from .models import CourseItem
from .progress import is_required

STATUS_LABELS = {
    "draft": pgettext_lazy("page status", "Draft"),
    "in_review": pgettext_lazy("page status", "In review"),
    "live": pgettext_lazy("page status", "Live"),
    "live_with_draft": pgettext_lazy("page status", "Live, with changes in draft"),
}


@dataclass(eq=False)
class StructurePage:
    page: Page
    in_review: bool
    optional: bool | None  # None for a module

    @property
    def status(self):
        if self.in_review:
            return "in_review"
        if not self.page.live:
            return "draft"
        return "live_with_draft" if self.page.has_unpublished_changes else "live"

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def kind(self):
        return self.page.content_type.model_class()._meta.verbose_name

    @property
    def is_quiz(self):
        return self.page.content_type.model == "quizpage"


@dataclass(eq=False)
class StructureModule(StructurePage):
    items: list[StructurePage] = field(default_factory=list)

    @property
    def required_items(self):
        return [item for item in self.items if is_required(item)]


def course_structure(course):
    """The course's modules in order, each with its items in order (``StructureModule`` rows)."""
    in_review = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    pages = (
        Page.objects.descendant_of(course)
        .filter(depth__in=(course.depth + 1, course.depth + 2))
        .select_related("content_type")
        .only("title", "path", "depth", "live", "has_unpublished_changes", "content_type")
        .annotate(
            in_review=Exists(in_review.values("pk")),
            optional=Subquery(CourseItem.objects.filter(pk=OuterRef("pk")).values("optional")[:1]),
        )
        .order_by("path")
    )
    modules = []
    for page in pages:
        if page.depth == course.depth + 1:
            modules.append(StructureModule(page, page.in_review, None))
        elif modules:
            modules[-1].items.append(StructurePage(page, page.in_review, bool(page.optional)))
    return modules
