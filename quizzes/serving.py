"""How a quiz page answers a request: the course item's access rule (``courses.serving``), plus the learner's
attempts (``quizzes.learner``), or in an editor's preview the questions as drawn. ``QuizzesConfig.ready()`` loads
this module."""

from core.pageviews import page_view
from courses.serving import CourseItemView

from .learner import QuizProgress
from .models import QuizPage


@page_view(QuizPage)
class QuizView(CourseItemView):
    def get_context(self, page, request, context, *args, **kwargs):
        context = super().get_context(page, request, context, *args, **kwargs)
        if getattr(request, "is_preview", False):
            context["preview_questions"] = [question.freeze(key, choices) for key, question, choices in page.pool()]
        else:
            context["progress"] = QuizProgress.load(page, request.user, context["outline"].enrolment, request)
        return context
