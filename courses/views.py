"""What learners do outside the pages themselves: the dashboard, enrolling, completing an item, resuming.

Every action is a POST checked on the server against the learner's own records: the course or item must be
published, the learner enrolled, the module open. A GET on an action's address (e.g. coming back from the sign-in
page) leads to the page the action belongs to instead of doing anything.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView

from certificates.models import Certificate
from home.published import with_kept_site

from . import services
from .access import item_access
from .models import CourseItem, CoursePage, Enrolment, Topic
from .outline import CourseOutline


def refused(request, heading, message, links=(), status=403):
    return render(
        request,
        "courses/action_refused.html",
        {"heading": heading, "message": message, "links": links},
        status=status,
    )


def resume_url(request, outline):
    item = outline.resume_item()
    return item.page.get_url(request) if item else outline.course.get_url(request)


def safe_next(request):
    """The ``next`` address of a form, if it is a path on this site (anything else is ignored)."""
    target = request.POST.get("next", "")
    is_path = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if is_path else None


@login_required
@with_kept_site
@require_http_methods(["GET", "POST"])
def enrol(request, course_id):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if request.method == "GET":
        return redirect(course.get_url(request))
    try:
        _enrolment, created = services.enrol(request.user, course)
    except services.PrerequisitesMissing as missing:
        return refused(
            request,
            _("Complete the prerequisites first"),
            _("To enrol in “%(course)s” you must first complete:") % {"course": course.title},
            links=[(prerequisite.title, prerequisite.get_url(request)) for prerequisite in missing.courses],
        )
    if created:
        messages.success(request, _("You are enrolled in “%(course)s”. Let's begin!") % {"course": course.title})
    else:
        messages.info(request, _("You were already enrolled in this course."))
    return redirect(safe_next(request) or resume_url(request, CourseOutline.load(course, request.user, request)))


@login_required
@with_kept_site
@require_http_methods(["GET"])
def resume(request, course_id):
    """ "Continuar": the first open item the learner has not done yet (the course page once all is done)."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    outline = CourseOutline.load(course, request.user, request)
    if outline.enrolment is None:
        messages.info(request, _("Enrol in the course to begin."))
        return redirect(course.get_url(request))
    return redirect(resume_url(request, outline))


@login_required
@with_kept_site
@require_http_methods(["GET", "POST"])
def complete(request, item_id):
    """ "Marcar como completada". Idempotent: a double click or a replayed request finds the existing record."""
    item = get_object_or_404(CourseItem.objects.live(), pk=item_id)
    if request.method == "GET":
        return redirect(item.get_url(request))
    outline, refusal = item_access(request, item)
    if not item.specific_class.manual_completion:
        return refused(
            request,
            _("This activity cannot be marked by hand"),
            _("It is completed by passing it."),
            links=[(item.title, item.get_url(request))],
            status=400,
        )
    if refusal is not None:
        return refusal

    course = outline.course
    result = services.complete_item(request.user, item)
    if result.course_completed:
        messages.success(request, _("Congratulations! You have completed “%(course)s”.") % {"course": course.title})
        return redirect(course.get_url(request))
    if result.created:
        messages.success(request, _("“%(item)s” is marked as completed.") % {"item": item.title})
    else:
        messages.info(request, _("You had already completed “%(item)s”.") % {"item": item.title})
    outline.record_completion(item, result.completion.completed_at)  # it may have opened the next module
    following = outline.next_item(outline.item_for(item))
    if following is not None and not following.locked:
        return redirect(following.page.get_url(request))
    return redirect(resume_url(request, outline))


SUGGESTIONS = 3


@method_decorator(with_kept_site, name="dispatch")
class DashboardView(LoginRequiredMixin, TemplateView):
    """ "Mi aprendizaje": courses in progress (with "Continuar"), completed courses and suggestions."""

    template_name = "courses/dashboard.html"

    def get_enrolments(self):
        """The learner's enrolments in one query, and their certificates (newest first) in one more, for the
        status each completed course shows (``courses/certificate_status.html``)."""
        certificates = Prefetch(
            "certificates", queryset=Certificate.objects.order_by("-issued_at"), to_attr="certificate_list"
        )
        return (
            Enrolment.objects.for_user(self.request.user)
            .select_related("course")
            .prefetch_related(certificates)
            .order_by("-last_activity_at")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enrolments = list(self.get_enrolments())
        context["in_progress"] = [
            enrolment
            for enrolment in enrolments
            if not enrolment.is_complete and enrolment.course and enrolment.course.live
        ]
        context["completed"] = sorted(
            (enrolment for enrolment in enrolments if enrolment.is_complete),
            key=lambda enrolment: enrolment.completed_at,
            reverse=True,
        )
        context["suggestions"] = suggested_courses(enrolments)
        return context


def suggested_courses(enrolments, limit=SUGGESTIONS):
    """Published courses the learner may enrol in now, those sharing a topic with their courses first."""
    enrolled = {enrolment.course_id for enrolment in enrolments if enrolment.course_id}
    completed = {enrolment.course_id for enrolment in enrolments if enrolment.is_complete}
    their_topics = set(Topic.objects.filter(courses__in=enrolled).values_list("pk", flat=True)) if enrolled else set()
    candidates = (
        CoursePage.objects.live()
        .exclude(pk__in=enrolled)
        .defer_streamfields()
        .prefetch_related("topics", "prerequisites")
        .order_by("path")
    )
    open_to_them = [
        course
        for course in candidates
        if all(prerequisite.pk in completed for prerequisite in course.prerequisites.all() if prerequisite.live)
    ]
    open_to_them.sort(key=lambda course: -len(their_topics & {topic.pk for topic in course.topics.all()}))
    return open_to_them[:limit]
