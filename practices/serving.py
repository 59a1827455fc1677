"""How a "Práctica" item page answers a request: the course item's access rule (``courses.serving``), plus the
learner's practices for it and the ones they may choose. ``PracticesConfig.ready()`` loads this module."""

from django.db.models import Prefetch

from core.pageviews import page_view
from courses.serving import CourseItemView

from .models import Practice, PracticeItemPage, PracticeVersion, Status


@page_view(PracticeItemPage)
class PracticeItemView(CourseItemView):
    def get_context(self, page, request, context, *args, **kwargs):
        context = super().get_context(page, request, context, *args, **kwargs)
        context.update(item_context(request, page))
        return context


def item_context(request, item):
    """For the "Práctica" page: the learner's practices for it (with the latest review) and the ones to choose."""
    if not request.user.is_authenticated:
        return {}
    mine_for_item = list(
        Practice.objects.of(request.user)
        .filter(item=item)
        .prefetch_related(Prefetch("versions", queryset=PracticeVersion.objects.select_related("review")))
    )
    candidates = list(Practice.objects.of(request.user).filter(item__isnull=True, status=Status.DRAFT))
    return {"item_practices": mine_for_item, "practice_candidates": candidates}
