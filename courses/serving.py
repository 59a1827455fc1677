"""How course pages answer a request: the catalogue, a course, a module and every kind of course item.

The page models (``courses.models.pages``) hold content; these page views (``core.pageviews``) hold what a request
shows: the catalogue's cards, the outline with the learner's progress, and for an item the access rule
(``courses.access``) and the visit recorded (``courses.services.record_activity``). ``CoursesConfig.ready()``
loads this module; the quizzes and practices apps extend ``CourseItemView`` for their own items.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.utils.cache import patch_cache_control

from core.pageviews import PageView, page_view
from core.published import fragment_context

from .access import item_access
from .catalogue import Catalogue
from .models import CourseIndexPage, CourseItem, CoursePage, LessonPage, ModulePage
from .outline import CourseOutline
from .services import record_activity


def private_if_personal(request, response):
    """Pages that show a learner's own progress must not be kept by shared caches."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
    return response


class PersonalPageView(PageView):
    """A page that may show the signed-in learner's own progress."""

    def serve(self, page, request, serve, *args, **kwargs):
        return private_if_personal(request, serve(request, *args, **kwargs))


@page_view(CourseIndexPage)
class CatalogueView(PersonalPageView):
    def get_context(self, page, request, context, *args, **kwargs):
        context["catalogue"] = Catalogue(page, request)
        return fragment_context(context)


@page_view(CoursePage)
class CourseView(PersonalPageView):
    def get_context(self, page, request, context, *args, **kwargs):
        learner = None if getattr(request, "is_preview", False) else request.user
        context["outline"] = outline = CourseOutline.load(page, learner, request)
        context["trainers"] = page.trainers.all()
        context["prerequisites"] = prerequisites = outline.prerequisites()
        context["prerequisites_missing"] = [prerequisite for prerequisite in prerequisites if not prerequisite.met]
        return context


@page_view(ModulePage)
class ModuleView(PersonalPageView):
    def get_context(self, page, request, context, *args, **kwargs):
        learner = None if getattr(request, "is_preview", False) else request.user
        outline = CourseOutline.load(page.get_course(request), learner, request)
        context["outline"] = outline
        context["outline_module"] = outline.module_for(page)
        return context

    def serve(self, page, request, serve, *args, **kwargs):
        if not page.get_course(request).live:
            raise Http404
        return super().serve(page, request, serve, *args, **kwargs)


@page_view(CourseItem)
class CourseItemView(PageView):
    """Every kind of item: signed in, enrolled and its module open (``courses.access``), or a page saying why not."""

    def get_context(self, page, request, context, *args, outline=None, **kwargs):
        if outline is None:  # a preview: the published outline, without anyone's progress
            outline = CourseOutline.load(page.get_course(request), request=request)
        context["outline"] = outline
        context["outline_item"] = item = outline.item_for(page)
        context["outline_module"] = item.module if item is not None else outline.module_for(page.get_parent())
        if item is not None:
            context["previous_item"] = outline.previous_item(item)
            context["next_item"] = outline.next_item(item)
        return context

    def serve(self, page, request, serve, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        outline, refusal = item_access(request, page)
        if refusal is not None:
            return private_if_personal(request, refusal)
        record_activity(outline.enrolment)
        return private_if_personal(request, serve(request, *args, outline=outline, **kwargs))


@page_view(LessonPage)
class LessonView(CourseItemView):
    def get_context(self, page, request, context, *args, **kwargs):
        context = super().get_context(page, request, context, *args, **kwargs)
        # The published body is the same for every learner: ``{% wagtailpagecache %}`` renders it once per
        # publication in each process; the generation (``core.published``) covers the images and documents it shows.
        return fragment_context(context)
