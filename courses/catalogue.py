"""The catalogue's listing: published courses as cards, filtered by topic and level and searched in Spanish.

A fixed number of queries whatever the number of courses: the courses (with their cover image), their topics,
the cover renditions, the lesson counts (one grouped query), the viewer's enrolments, and the search.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.db.models.functions import Substr
from wagtail.images import get_image_model
from wagtail.models import Page

from .forms import CatalogueFilterForm
from .models import CoursePage, Enrolment, LessonPage

CARD_IMAGE_FILTERS = ["fill-360x180|format-webp", "fill-720x360|format-webp"]
SEARCH_LIMIT = 500


@dataclass
class CourseCard:
    course: CoursePage
    lesson_count: int
    enrolment: Enrolment | None


class Catalogue:
    def __init__(self, index_page, request):
        self.index_page = index_page
        self.form = CatalogueFilterForm(request.GET or None)
        self.filters = self.form.filters() if self.form.is_bound else {}
        self.cards = self._cards(request.user)

    @property
    def is_filtered(self):
        return bool(self.filters)

    def _courses(self):
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=CARD_IMAGE_FILTERS)
        courses = (
            CoursePage.objects.live()
            .child_of(self.index_page)
            .defer_streamfields()
            .select_related("cover_image")
            .prefetch_related("topics", Prefetch("cover_image__renditions", queryset=renditions))
            .order_by("path")
        )
        if topic := self.filters.get("tema"):
            courses = courses.filter(topics=topic)
        if level := self.filters.get("nivel"):
            courses = courses.filter(level=level)
        if query := self.filters.get("q"):
            ranking = self._search(query)
            return sorted(courses.filter(path__in=ranking), key=lambda course: ranking[course.path])
        return list(courses)

    def _search(self, query):
        """Course paths ranked by relevance: a course matches through its own text or any of its pages'."""
        course_path_length = (self.index_page.depth + 1) * Page.steplen
        ranking = {}
        for page in Page.objects.live().descendant_of(self.index_page).search(query)[:SEARCH_LIMIT]:
            ranking.setdefault(page.path[:course_path_length], len(ranking))
        return ranking

    def _lesson_counts(self):
        course_path = Substr("path", 1, (self.index_page.depth + 1) * Page.steplen)
        return dict(
            LessonPage.objects.published()
            .descendant_of(self.index_page)
            .annotate(course_path=course_path)
            .order_by()
            .values("course_path")
            .annotate(lessons=Count("pk"))
            .values_list("course_path", "lessons")
        )

    def _cards(self, viewer):
        courses = self._courses()
        if not courses:
            return []
        lesson_counts = self._lesson_counts()
        enrolments = {}
        if viewer.is_authenticated:
            enrolments = {
                enrolment.course_id: enrolment
                for enrolment in Enrolment.objects.filter(user=viewer, course__in=[course.pk for course in courses])
            }
        return [CourseCard(course, lesson_counts.get(course.path, 0), enrolments.get(course.pk)) for course in courses]
