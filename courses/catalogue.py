"""The catalogue's listing: published courses as cards, filtered by topic and level and searched in Spanish.

The published courses (with their cover image, topics and cover renditions) and their lesson counts are loaded in
four queries once per generation of the published site and cached (``core.published``); a request adds the
viewer's enrolments (one query) and the search. An anonymous visitor's unfiltered catalogue is rendered once per
generation (``pages/course_index_page.html``).
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Prefetch
from django.db.models.functions import Substr
from wagtail.images import get_image_model
from wagtail.models import Page

from core.published import kept

from .forms import CatalogueFilterForm
from .models import CoursePage, Enrolment, LessonPage

CARD_IMAGE_FILTERS = ["fill-360x180|format-webp", "fill-720x360|format-webp"]
SEARCH_LIMIT = 500


@dataclass
class CourseCard:
    course: CoursePage
    lesson_count: int
    enrolment: Enrolment | None = None


class Catalogue:
    """The catalogue as one viewer sees it: the published courses (cached between publications, ``core.published``)
    filtered in memory by topic and level, ranked by a search when there is one, with the viewer's enrolments."""

    def __init__(self, index_page, request):
        self.index_page = index_page
        self.request = request
        self.form = CatalogueFilterForm(request.GET or None)
        self.filters = self.form.filters() if self.form.is_bound else {}

    @property
    def is_filtered(self):
        return bool(self.filters)

    @property
    def is_shared(self):
        """The same for every viewer (no filters, nothing of the viewer's on the cards): rendered once per
        generation of the published site (``pages/course_index_page.html``)."""
        return not self.form.is_bound and not self.enrolments

    @cached_property
    def published(self):
        """Every published course's card, without anyone's enrolment, loaded once per generation."""
        return kept(("catalogue", self.index_page.pk), self._published_cards)

    @cached_property
    def enrolments(self):
        viewer = self.request.user
        if not viewer.is_authenticated or not self.published:
            return {}
        mine = Enrolment.objects.filter(user=viewer, course__in=[card.course.pk for card in self.published])
        return {enrolment.course_id: enrolment for enrolment in mine}

    @cached_property
    def cards(self):
        cards = self.published
        if topic := self.filters.get("tema"):
            cards = [card for card in cards if topic in card.course.topics.all()]
        if level := self.filters.get("nivel"):
            cards = [card for card in cards if card.course.level == level]
        if query := self.filters.get("q"):
            ranking = self._search(query)
            found = [card for card in cards if card.course.path in ranking]
            cards = sorted(found, key=lambda card: ranking[card.course.path])
        return [CourseCard(card.course, card.lesson_count, self.enrolments.get(card.course.pk)) for card in cards]

    def _published_cards(self):
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=CARD_IMAGE_FILTERS)
        courses = (
            CoursePage.objects.live()
            .child_of(self.index_page)
            .defer_streamfields()
            .select_related("cover_image")
            .prefetch_related("topics", Prefetch("cover_image__renditions", queryset=renditions))
            .order_by("path")
        )
        lesson_counts = self._lesson_counts()
        return [CourseCard(course, lesson_counts.get(course.path, 0)) for course in courses]

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
