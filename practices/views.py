"""The official's practices (list, record, edit, evidence, publish, submit), the trainers' queue and review, and
the evidence files. The public map is in ``public.py``.

Every object is checked against the person (``access``); addresses of other people's practices answer 404, so
ids reveal nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Municipality
from courses.models import CoursePage

from . import access, services
from .forms import EvidenceForm, PracticeForm, ReviewForm
from .models import Evidence, Practice, PracticeItemPage, PracticeVersion, Status


def _own(request, pk):
    """A practice the person authored or co-authored, or 404."""
    practice = Practice.objects.of(request.user).filter(pk=pk).select_related("municipality", "item").first()
    if practice is None:
        raise Http404
    return practice


@login_required
@never_cache
@require_safe
def mine(request):
    practices = (
        Practice.objects.of(request.user)
        .select_related("municipality", "item")
        .annotate(evidence_count=Count("evidence", distinct=True))
        .order_by("-done_on", "-pk")
    )
    return render(request, "practices/mine.html", {"practices": practices})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def create(request):
    form = PracticeForm(request.POST if request.method == "POST" else None, user=request.user)
    if form.is_bound and form.is_valid():
        practice = services.save_practice(form, request.user)
        messages.success(request, _("Your practice is recorded. Add photos or documents that show it."))
        return redirect("practices:edit", pk=practice.pk)
    return render(request, "practices/practice_form.html", {"form": form, "practice": None})


def _edit_context(request, practice, form, evidence_form=None):
    versions = list(
        PracticeVersion.objects.filter(practice=practice)
        .select_related("review", "review__reviewer")
        .order_by("-number")
    )
    return {
        "practice": practice,
        "form": form,
        "evidence_form": evidence_form or EvidenceForm(),
        "evidence": list(practice.evidence.all()),
        "versions": versions,
        "may_add_evidence": practice.editable and len(practice.evidence.all()) < services.MAX_EVIDENCE,
    }


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    practice = _own(request, pk)
    if request.method == "POST" and not practice.editable:
        messages.error(request, _("This practice is waiting for review or accepted: it can no longer be edited."))
        return redirect("practices:edit", pk=practice.pk)
    form = PracticeForm(request.POST if request.method == "POST" else None, instance=practice, user=request.user)
    if form.is_bound and form.is_valid():
        services.save_practice(form, request.user)
        messages.success(request, _("Your changes are saved."))
        return redirect("practices:edit", pk=practice.pk)
    return render(request, "practices/practice_edit.html", _edit_context(request, practice, form))


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def add_evidence(request, pk):
    practice = _own(request, pk)
    if request.method == "GET":
        return redirect("practices:edit", pk=practice.pk)
    if not practice.editable:
        messages.error(request, _("This practice is waiting for review or accepted: it can no longer be edited."))
        return redirect("practices:edit", pk=practice.pk)
    evidence_form = EvidenceForm(request.POST, request.FILES)
    if evidence_form.is_valid():
        try:
            services.add_evidence(
                practice, request.user, evidence_form.cleaned_upload, evidence_form.cleaned_data["caption"]
            )
        except services.NotAllowed:
            evidence_form.add_error(
                "file", _("A practice can have at most %(count)s files.") % {"count": services.MAX_EVIDENCE}
            )
        else:
            messages.success(request, _("The file is added."))
            return redirect(reverse("practices:edit", kwargs={"pk": practice.pk}) + "#evidencias")
    form = PracticeForm(instance=practice, user=request.user)
    context = _edit_context(request, practice, form, evidence_form)
    return render(request, "practices/practice_edit.html", context, status=400)


@login_required
@require_POST
def remove_evidence(request, pk, evidence_id):
    practice = _own(request, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_id, practice=practice)
    if not practice.editable:
        messages.error(request, _("This practice is waiting for review or accepted: it can no longer be edited."))
    else:
        services.remove_evidence(evidence)
        messages.success(request, _("The file is removed."))
    return redirect(reverse("practices:edit", kwargs={"pk": practice.pk}) + "#evidencias")


@login_required
@require_POST
def publication(request, pk):
    """Publish or withdraw (authors; ministry staff too). ``publicar=1`` publishes, anything else withdraws."""
    practice = Practice.objects.filter(pk=pk).select_related("municipality").first()
    if practice is None or not access.may_see(request.user, practice):
        raise Http404
    if not access.may_publish(request.user, practice):
        raise PermissionDenied
    publish = request.POST.get("publicar") == "1"
    services.set_published(practice, publish, show_names=request.POST.get("nombres") == "1" if publish else None)
    if publish:
        messages.success(request, _("The practice will be shown on the map of practices once it is accepted."))
    else:
        messages.success(request, _("The practice is no longer published."))
    if practice.is_author(request.user):
        return redirect("practices:edit", pk=practice.pk)
    return redirect("practices:map")


@login_required
@require_POST
def submit(request, pk):
    practice = _own(request, pk)
    item_id = request.POST.get("item", "")
    item = None
    if item_id.isdigit() and len(item_id) < 12:
        item = PracticeItemPage.objects.live().filter(pk=int(item_id)).first()
    if item is None:
        raise Http404
    from courses.access import item_access

    _outline, refusal = item_access(request, item)
    if refusal is not None:
        return refusal
    try:
        services.submit(practice, item, request.user)
    except services.NotAllowed:
        messages.error(request, _("This practice was already sent for review."))
    else:
        messages.success(request, _("Your practice is sent. The course's trainers will review it."))
    return redirect(item.get_url(request))


@require_safe
def evidence_file(request, evidence_id):
    """A photo or document: anyone's when the practice is public, else only for those who may see the practice
    (everyone else: 404, so that ids reveal nothing)."""
    evidence = Evidence.objects.select_related("practice", "practice__item").filter(pk=evidence_id).first()
    if evidence is None or not access.may_see(request.user, evidence.practice):
        raise Http404
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type)
    disposition = "inline" if evidence.kind == Evidence.Kind.PHOTO else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{evidence.filename}"'
    response["Cache-Control"] = "public, max-age=3600" if evidence.practice.is_public else "private, no-store"
    return response


# Trainers ----------------------------------------------------------------------------------------------------------


@login_required
@never_cache
@require_safe
def queue(request):
    """Submissions waiting, oldest first, filterable by course and comuna (``?curso=<id>&comuna=<CUT>``)."""
    if not access.may_see_queue(request.user):
        raise PermissionDenied
    waiting = access.queue_for(request.user).select_related("municipality", "item", "author")
    sees_all = access.sees_everything(request.user)
    courses = (CoursePage.objects.all() if sees_all else CoursePage.objects.filter(trainers=request.user)).order_by(
        "title"
    )
    courses = list(courses.only("pk", "title", "path"))
    course_id, code = request.GET.get("curso", ""), request.GET.get("comuna", "")
    chosen_course = next((course for course in courses if str(course.pk) == course_id), None)
    if chosen_course is not None:
        waiting = waiting.filter(item__path__startswith=chosen_course.path)
    if code:
        waiting = waiting.filter(municipality__code=code)
    waiting = list(waiting.order_by("submitted_at", "pk")[:200])
    by_path = {course.path: course for course in courses}
    trained = access.trained_course_ids(request.user)
    now = timezone.now()
    rows = []
    for practice in waiting:
        course = next(
            (course for path, course in by_path.items() if practice.item and practice.item.path.startswith(path)),
            None,
        )
        rows.append(
            {
                "practice": practice,
                "course": course,
                "waiting_days": (now - practice.submitted_at).days,
                # Ministry staff read the queue; only the course's trainers (and the superuser) open the review.
                "may_review": request.user.is_superuser or (course is not None and course.pk in trained),
            }
        )
    municipalities = (
        Municipality.objects.filter(Q(practices__status=Status.SUBMITTED) | Q(code=code)).distinct().order_by("name")
    )
    return render(
        request,
        "practices/queue.html",
        {
            "rows": rows,
            "courses": courses,
            "municipalities": municipalities,
            "chosen_course": course_id,
            "chosen_comuna": code,
            "sees_all": sees_all,
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def review(request, pk):
    practice = Practice.objects.filter(pk=pk).select_related("municipality", "item", "author").first()
    if practice is None or not access.may_review(request.user, practice):
        raise Http404
    item = practice.item.specific
    versions = list(practice.versions.select_related("review", "review__reviewer").order_by("-number"))
    waiting = practice.status == Status.SUBMITTED
    form = ReviewForm(request.POST if request.method == "POST" else None, criteria=item.criteria)
    if request.method == "POST":
        if not waiting:
            messages.error(request, _("This practice is not waiting for review."))
            return redirect("practices:review", pk=practice.pk)
        if form.is_valid():
            try:
                services.review(
                    practice,
                    request.user,
                    decision=form.cleaned_data["decision"],
                    feedback=form.cleaned_data["feedback"],
                    levels=form.levels(),
                )
            except services.NotAllowed:
                messages.error(request, _("This practice was reviewed meanwhile."))
            else:
                messages.success(request, _("Your review is sent to the practice's authors."))
                return redirect("practices:queue")
    return render(
        request,
        "practices/review.html",
        {
            "practice": practice,
            "item": item,
            "versions": versions,
            "evidence": list(practice.evidence.all()),
            "form": form if waiting else None,
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )
