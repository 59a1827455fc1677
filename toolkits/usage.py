"""Where a method is used: the published lessons (and their courses) that embed its card.

Wagtail's reference index records every page a ``MethodCardBlock`` points to (chooser blocks in StreamFields are
indexed when a page is saved), so the lookup is three queries whatever the number of lessons: the references,
the pages that hold them, and their courses. References from inside the toolkit (related methods) are left out:
they are shown as related methods, not as lessons.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex

# The page type a lesson belongs to; the courses app defines it. Looked up by name so the toolkit works (and is
# tested) without the courses app.
COURSE_PAGE_MODEL = "courses.CoursePage"


@dataclass(frozen=True)
class Usage:
    page: Page
    course: Page | None


def _course_model():
    try:
        return apps.get_model(COURSE_PAGE_MODEL)
    except (LookupError, ValueError):
        return None


def pages_referencing(target, *, outside=None):
    """The live, public pages that reference ``target`` (a page), each with the course it belongs to, if any.

    ``outside``: a page whose subtree (itself included) is left out.
    """
    references = (
        ReferenceIndex.get_references_to(target)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list(Cast("object_id", IntegerField()), flat=True)
    )
    pages = Page.objects.live().public().filter(pk__in=references).exclude(pk=target.pk)
    if outside is not None:
        pages = pages.exclude(path__startswith=outside.path)
    pages = list(pages.order_by("path").specific(defer=True))
    course_model = _course_model()
    courses = {}
    if course_model is not None and pages:
        ancestor_paths = {page.path[:length] for page in pages for length in range(4, len(page.path), 4)}
        courses = {
            course.path: course for course in course_model.objects.live().public().filter(path__in=ancestor_paths)
        }
    return [Usage(page, _nearest(page.path, courses)) for page in pages]


def _nearest(path, courses):
    for length in range(len(path) - 4, 0, -4):
        if path[:length] in courses:
            return courses[path[:length]]
    return None


def lessons_using(method):
    """The lessons and courses that embed ``method``'s card, for its page."""
    return pages_referencing(method, outside=method.get_parent())
