"""The page that says why an action was not done (enrol first, module locked, quiz closed…), with where to go instead.

Shared by every app whose learners act on course items (courses, quizzes): import it from here.
"""

from django.shortcuts import render


def refused(request, heading, message, links=(), status=403, **context):
    """``courses/action_refused.html`` with ``heading``, ``message`` and ``links`` (label, address), answered with
    ``status`` (403 unless said otherwise)."""
    return render(
        request,
        "courses/action_refused.html",
        {"heading": heading, "message": message, "links": links, **context},
        status=status,
    )
