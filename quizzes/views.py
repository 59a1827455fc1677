"""What learners do with a quiz (start an attempt, answer and submit it, read the result) and the item analysis
for trainers. The quiz page itself is ``QuizPage`` (served by Wagtail).

Every view checks on the server: an attempt is only ever its owner's (anyone else gets 404, as if it did not
exist); starting and submitting need the quiz open to the learner (``courses.access.item_access``); the item
analysis needs to be one of the course's trainers or to hold the ministry's view of all records.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.published import with_kept_site
from courses.access import item_access
from courses.refusals import refused
from courses.services import NotEnrolled

from . import services
from .analysis import ItemAnalysis
from .forms import AttemptForm
from .models import AnswerReveal, Attempt, QuizPage
from .results import answers_revealed, graded_questions

VIEW_ALL_RECORDS = "accounts.view_all_municipality_records"
#: The button that sends an attempt with questions left blank, once the learner has been told which.
SEND_UNANSWERED = "enviar_sin_responder"


@login_required
@with_kept_site
@require_http_methods(["GET", "POST"])
def start(request, quiz_id):
    """ "Comenzar intento" (or "Continuar intento": an open attempt is resumed, not doubled)."""
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    if request.method == "GET":
        return redirect(quiz.get_url(request))
    _outline, refusal = item_access(request, quiz)
    if refusal is not None:
        return refusal
    try:
        attempt, _created = services.start_attempt(request.user, quiz)
    except NotEnrolled:  # unenrolled between the check and the start
        raise Http404 from None
    except services.CannotStart as reason:
        return refused(
            request, _("You cannot start this quiz"), reason.message, links=[(quiz.title, quiz.get_url(request))]
        )
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


@login_required
@with_kept_site
@never_cache
@require_http_methods(["GET", "POST"])
def attempt(request, attempt_id):
    """An open attempt's questions (and their submission), or a graded attempt's result.

    An attempt sent with questions left blank is not graded at once: the form comes back with the answers as sent
    and the blank questions named, and is graded when sent again with ``SEND_UNANSWERED`` (or with every question
    answered). Passing the quiz that completes the course leads to the course's finish page."""
    attempt = get_object_or_404(Attempt.objects.select_related("quiz", "enrolment"), pk=attempt_id, user=request.user)
    services.close_if_expired(attempt)
    if attempt.is_graded:
        if request.method == "POST":
            messages.info(request, _("This attempt had already been graded; your answers were not sent again."))
            return redirect("quizzes:attempt", attempt_id=attempt.pk)
        return render(request, "quizzes/attempt_result.html", result_context(request, attempt))
    if attempt.quiz is None:
        raise Http404
    outline, refusal = item_access(request, attempt.quiz)
    if refusal is not None:
        return refusal
    posted = request.method == "POST"
    form = AttemptForm(attempt.questions, request.POST if posted else None, request.FILES if posted else None)
    unanswered = []
    if posted and form.is_valid():
        unanswered = form.unanswered()
        if not unanswered or request.POST.get(SEND_UNANSWERED):
            outcome = services.submit_attempt(attempt, form.responses())
            announce(request, outcome)
            if outcome.course_completed:
                return redirect("courses:finish", course_id=attempt.enrolment.course_id)
            return redirect("quizzes:attempt", attempt_id=attempt.pk)
        # Nothing is graded yet: the answers come back as sent, with the questions left blank named.
    context = {"page": attempt.quiz, "attempt": attempt, "form": form, "outline": outline}
    context.update(unanswered=unanswered, send_unanswered=SEND_UNANSWERED)
    context["outline_module"] = outline.module_for(attempt.quiz.get_parent())
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "quizzes/attempt_form.html", context, status=status)


def announce(request, outcome):
    attempt = outcome.attempt
    if outcome.late:
        messages.warning(request, _("Time was up: answers sent after the time limit are not accepted."))
    if outcome.course_completed:  # the course's finish page congratulates; the score is said on the way
        score = floatformat(attempt.score_percent, "-2")
        messages.success(
            request, _("You passed “%(quiz)s” with %(score)s %%.") % {"quiz": attempt.quiz_title, "score": score}
        )
    elif attempt.passed:
        messages.success(request, _("You passed “%(quiz)s”.") % {"quiz": attempt.quiz_title})
    elif not outcome.graded_now:
        messages.info(request, _("This attempt had already been graded; your answers were not sent again."))


def result_context(request, attempt):
    quiz = attempt.quiz if attempt.quiz is not None and attempt.quiz.live else None
    context = {
        "attempt": attempt,
        "quiz": quiz,
        "questions": graded_questions(attempt),
        "revealed": answers_revealed(attempt, attempt.quiz),
        "reveal": attempt.quiz.show_answers if attempt.quiz is not None else AnswerReveal.NEVER,
    }
    if quiz is not None:
        context["page"] = quiz
        context["progress_url"] = quiz.get_url(request)
    if attempt.enrolment.is_complete and attempt.enrolment.course_id:
        context["finish_url"] = reverse("courses:finish", kwargs={"course_id": attempt.enrolment.course_id})
    return context


def may_see_analysis(user, quiz):
    return user.has_perm(VIEW_ALL_RECORDS) or quiz.get_course().trainers.filter(pk=user.pk).exists()


@login_required
@require_http_methods(["GET"])
def item_analysis(request, quiz_id):
    quiz = get_object_or_404(QuizPage, pk=quiz_id)
    if not may_see_analysis(request.user, quiz):
        raise PermissionDenied
    return render(request, "quizzes/item_analysis.html", {"quiz": quiz, "analysis": ItemAnalysis.load(quiz)})
