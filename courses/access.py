"""Whether a signed-in learner may open or act on a course item.

One rule for the item pages, "Marcar como completada" and, in the quizzes app, starting or submitting an attempt:
the item, its module and its course are published (else 404), the learner is enrolled, and the item's module is
open. When the learner may not, the answer is a page that says why and links to what to do (403).
"""

from django.http import Http404
from django.shortcuts import render

from .outline import CourseOutline


def item_access(request, item):
    """``(outline, refusal)`` for ``item`` and the signed-in learner: the course outline with their progress, and
    ``None`` if they may use the item, or else the response explaining why not."""
    course = item.get_course(request)
    if not (item.live and course.live):
        raise Http404
    outline = CourseOutline.load(course, request.user, request)
    entry = outline.item_for(item)
    if entry is None:  # its module is not published
        raise Http404
    if outline.enrolment is not None and not entry.locked:
        return outline, None
    context = {"page": item, "outline": outline, "outline_item": entry}
    return outline, render(request, "pages/course_item_unavailable.html", context, status=403)
