"""What learners do outside the pages themselves: the dashboard, enrolling, completing an item, resuming.

Every action is a POST checked on the server against the learner's own records: the course or item must be
published, the learner enrolled, the module open. A GET on an action's address (e.g. coming back from the sign-in
page) leads to the page the action belongs to instead of doing anything.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import TemplateView

from certificates.models import Certificate
from core.published import kept, with_kept_site

from . import offline, services
from .access import item_access
from .finish import CourseFinish
from .models import CourseItem, CoursePage, Enrolment
from .outline import CourseOutline
from .refusals import refused


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
    except services.EmailNotConfirmed:
        return refused(
            request,
            _("Confirm your email address first"),
            _(
                "To enrol in “%(course)s”, open the link we sent to %(email)s to confirm that it is your address. "
                "If you cannot find the message, or its link expired, ask for a new one here."
            )
            % {"course": course.title, "email": request.user.email},
            resend_confirmation=course.get_url(request),
        )
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
    item = kept(("live item", item_id), lambda: CourseItem.objects.live().filter(pk=item_id).first())
    if item is None:
        raise Http404
    if request.method == "GET":
        return redirect(item.get_url(request))
    json = offline.wants_json(request)
    try:
        replay = offline.Replay.read(request)  # a completion marked offline, sent again (courses.offline)
    except offline.ReplayRefused as refusal:
        return replay_refused(request, item, refusal, json)
    outline, refusal = item_access(request, item)
    if not item.specific_class.manual_completion:
        if json:
            return offline.refusal_json(400, _("It is completed by passing it."))
        return refused(
            request,
            _("This activity cannot be marked by hand"),
            _("It is completed by passing it."),
            links=[(item.title, item.get_url(request))],
            status=400,
        )
    if refusal is not None:
        if json:
            return offline.refusal_json(refusal.status_code, _("You cannot complete this activity now."))
        return refusal

    course = outline.course
    if replay is None:
        # The enrolment as the outline read it spares the service reading it again, unless the item is done.
        known = outline.enrolment if not outline.item_for(item).done else None
        result = services.complete_item(request.user, item, known)
    else:
        try:
            result = offline.record(request.user, item, replay, outline.enrolment)
        except offline.ReplayRefused as refusal:
            return replay_refused(request, item, refusal, json)
    if json:
        outline.record_completion(item, result.completion.completed_at)
        return offline.progress_json(item, outline, result)
    if result.course_completed:
        return redirect("courses:finish", course_id=course.pk)  # the page congratulates
    if result.created:
        messages.success(request, _("“%(item)s” is marked as completed.") % {"item": item.title})
    else:
        messages.info(request, _("You had already completed “%(item)s”.") % {"item": item.title})
    outline.record_completion(item, result.completion.completed_at)  # it may have opened the next module
    following = outline.next_item(outline.item_for(item))
    if following is not None and not following.locked:
        return redirect(following.page.get_url(request))
    return redirect(resume_url(request, outline))


def replay_refused(request, item, refusal, json):
    if json:
        return offline.refusal_json(refusal.status, refusal.message)
    heading = _("This completion was not recorded")
    links = [(item.title, item.get_url(request))]
    return refused(request, heading, refusal.message, links=links, status=refusal.status)


@login_required
@with_kept_site
@never_cache
@require_safe
def offline_manifest(request, course_id):
    """The offline manifest of a course (``courses.offline.manifest``) for a learner enrolled in it, as JSON."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    outline = CourseOutline.load(course, request.user, request)
    if outline.enrolment is None:
        return offline.refusal_json(403, _("Enrol in the course to save it."))
    return JsonResponse(offline.manifest(request, outline))


@login_required
@with_kept_site
@never_cache
@require_safe
def finish(request, course_id):
    """Where completing a course leads (its course page and quiz results link here too): congratulations, the
    certificate and how to share it, what to do next. The learner's own completed enrolment only: another
    person's is not found; one still in progress goes to its course.

    While the certificate is being prepared the page says so, offers a reload link, and a small script reloads
    it once ``X-Certificate`` (answered to HEAD requests as well) is no longer ``preparing``.
    """
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("course", "user"), user=request.user, course_id=course_id
    )
    course = enrolment.course
    if not enrolment.is_complete:
        if course.live:
            return redirect(course.get_url(request))
        raise Http404
    outline = CourseOutline.load(course, request.user, request)
    finished = CourseFinish.load(enrolment, outline)
    context = {
        "enrolment": enrolment,
        "course": course,
        "finish": finished,
        "requirements_grew": outline.requirements_grew,
        "suggestions": suggested_courses(Enrolment.objects.for_user(request.user), limit=1),
    }
    response = render(request, "courses/finish.html", context)
    response["X-Certificate"] = finished.state
    return response


SUGGESTIONS = 3


@method_decorator(with_kept_site, name="dispatch")
class DashboardView(LoginRequiredMixin, TemplateView):
    """ "Mi aprendizaje": courses in progress (with "Continuar"), completed courses and suggestions."""

    template_name = "courses/dashboard.html"

    def get_enrolments(self):
        """The learner's enrolments in one query (their courses come from ``published_courses``)."""
        return Enrolment.objects.for_user(self.request.user).order_by("-last_activity_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["enrolments"] = enrolments = list(self.get_enrolments())
        courses = published_courses()
        published = {course.pk: course for course in courses}
        for enrolment in enrolments:  # the course if it is published, else the title kept on the enrolment is shown
            enrolment.published_course = published.get(enrolment.course_id)
        context["in_progress"] = [
            enrolment for enrolment in enrolments if not enrolment.is_complete and enrolment.published_course
        ]
        context["completed"] = completed = sorted(
            (enrolment for enrolment in enrolments if enrolment.is_complete),
            key=lambda enrolment: enrolment.completed_at,
            reverse=True,
        )
        if completed:  # their certificates (newest first) in one more query, for ``courses/certificate_status.html``
            certificates = Prefetch(
                "certificates", queryset=Certificate.objects.order_by("-issued_at"), to_attr="certificate_list"
            )
            prefetch_related_objects(completed, certificates)
        context["suggestions"] = suggested_courses(enrolments, courses=courses)
        return context


def published_courses():
    """Every published course with its topics and prerequisites, cached with the published site."""
    return kept(
        ("published courses",),
        lambda: list(
            CoursePage.objects.live().defer_streamfields().prefetch_related("topics", "prerequisites").order_by("path")
        ),
    )


def suggested_courses(enrolments, limit=SUGGESTIONS, courses=None):
    """Published courses the learner may enrol in now, those sharing a topic with their courses first
    (``courses``: ``published_courses()``, when the caller has them)."""
    enrolled = {enrolment.course_id for enrolment in enrolments if enrolment.course_id}
    completed = {enrolment.course_id for enrolment in enrolments if enrolment.is_complete}
    courses = published_courses() if courses is None else courses
    their_topics = {topic.pk for course in courses if course.pk in enrolled for topic in course.topics.all()}
    open_to_them = [
        course
        for course in courses
        if course.pk not in enrolled
        and all(prerequisite.pk in completed for prerequisite in course.prerequisites.all() if prerequisite.live)
    ]
    open_to_them.sort(key=lambda course: -len(their_topics & {topic.pk for topic in course.topics.all()}))
    return open_to_them[:limit]
