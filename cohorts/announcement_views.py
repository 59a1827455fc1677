"""Posting announcements: to a cohort (from its page: ministry staff and its coordinators) and to a course (its
trainers and ministry staff), and the page that lists what a person may post to. Who may do what is
``cohorts.announcements``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import announcements
from .forms import AnnouncementForm
from .models import Announcement

#: Announcements listed on the page of one's announcements.
LISTED = 30


@login_required
@require_GET
def announcement_list(request):
    poster = announcements.Poster.of(request.user)
    courses = list(poster.courses().only("pk", "title"))
    if poster.is_ministry:
        recent = Announcement.objects.all()
    elif courses:
        recent = Announcement.objects.filter(course__in=[course.pk for course in courses], cohort__isnull=True)
    else:
        recent = Announcement.objects.filter(author=request.user)
    recent = recent.select_related("course", "cohort", "author", "municipality")[:LISTED]
    return render(
        request,
        "cohorts/announcement_list.html",
        {"courses": courses, "announcements": recent, "runs_cohorts": poster.reach is not announcements.Reach.TRAINER},
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_announce(request, course_id):
    course = announcements.Poster.of(request.user).course(course_id)
    form = AnnouncementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        announcements.post(form, request.user, course=course)
        messages.success(request, _("The announcement was posted to the course “%(title)s”.") % {"title": course.title})
        return redirect("cohorts:announcements")
    return render(request, "cohorts/announcement_form.html", {"form": form, "course": course, "cohort": None})


@login_required
@require_http_methods(["GET", "POST"])
def cohort_announce(request, pk):
    access, cohort = announcements.cohort_poster(request.user, pk)
    form = AnnouncementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        announcements.post(form, request.user, cohort=cohort, access=access)
        messages.success(request, _("The announcement was posted to the cohort."))
        return redirect("cohorts:detail", cohort.pk)
    return render(
        request,
        "cohorts/announcement_form.html",
        {"form": form, "course": cohort.course, "cohort": cohort, "only_own_comuna": not access.is_ministry},
    )
