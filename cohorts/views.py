"""Cohort pages for ministry staff and coordinators (the list, creating and editing, a cohort's progress, reminding
its people and their reminder history), each person's reminder preferences and one-click unsubscribe, and the mail
provider's webhook for bounced addresses."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.background import enqueue_on_commit
from reports import integrations

from . import announcements, bounces, invitations, progress, reminders, services, tasks
from .access import CohortAccess
from .forms import CohortForm, PreferencesForm
from .models import Channel, Preferences, Reminder

PAGE_SIZE = 50


@login_required
@require_GET
def cohort_list(request):
    access = CohortAccess.of(request.user)
    today = timezone.localdate()
    cohorts = list(access.cohorts().prefetch_related("municipalities").order_by("-closes_on", "title"))
    return render(
        request,
        "cohorts/cohort_list.html",
        {
            "open_cohorts": [cohort for cohort in cohorts if cohort.closes_on >= today],
            "closed_cohorts": [cohort for cohort in cohorts if cohort.closes_on < today],
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cohort_create(request):
    access = CohortAccess.of(request.user)
    form = CohortForm(request.POST if request.method == "POST" else None, access=access)
    if request.method == "POST" and form.is_valid():
        cohort = services.save_cohort(form, request.user)
        messages.success(request, _("The cohort “%(title)s” was created.") % {"title": cohort.title})
        return redirect("cohorts:detail", cohort.pk)
    return render(request, "cohorts/cohort_form.html", {"form": form, "cohort": None})


@login_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request, pk):
    access = CohortAccess.of(request.user)
    cohort = access.cohort(pk)
    if not access.may_edit(cohort):
        raise PermissionDenied
    form = CohortForm(request.POST if request.method == "POST" else None, instance=cohort, access=access)
    if request.method == "POST" and form.is_valid():
        services.save_cohort(form, request.user)
        messages.success(request, _("The cohort was saved."))
        return redirect("cohorts:detail", cohort.pk)
    return render(request, "cohorts/cohort_form.html", {"form": form, "cohort": cohort})


@login_required
@require_GET
def cohort_detail(request, pk):
    access = CohortAccess.of(request.user)
    cohort = access.cohort(pk)
    municipality_ids = access.municipality_ids(cohort)
    now = timezone.now()
    rows = progress.by_municipality(cohort, municipality_ids, now)
    stalled_only = request.GET.get("estancados") == "1"
    page = Paginator(progress.people(cohort, municipality_ids, stalled_only, now), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    enrolments = list(page.object_list)
    certificates = integrations.certificate_status_by_enrolment([e.pk for e in enrolments]) or {}
    for enrolment in enrolments:
        enrolment.state = progress.state_of(enrolment, now)
        enrolment.certificate = certificates.get(enrolment.pk, "")
    return render(
        request,
        "cohorts/cohort_detail.html",
        {
            "cohort": cohort,
            "may_edit": access.may_edit(cohort),
            "rows": rows,
            "total": progress.totals(rows),
            "page": page,
            "enrolments": enrolments,
            "stalled_only": stalled_only,
            "days_left": cohort.days_left(),
            "is_open": cohort.is_open(),
            "stalled_days": progress.STALLED_DAYS,
            "announcements": announcements.for_cohort(cohort, access)[: announcements.LISTED_ON_COHORT],
            "invitations": invitations.pending(cohort, municipality_ids)[: invitations.SHOWN],
            "invitations_pending": invitations.pending(cohort, municipality_ids).count(),
        },
    )


# Reminders: a coordinator's reminders from the cohort page, a person's history, preferences and unsubscribing ------


def cohort_person(access, cohort, user_id):
    """The enrolment of person ``user_id`` in ``cohort``, within what this person may see; 404 otherwise."""
    enrolment = (
        progress.people(cohort, access.municipality_ids(cohort))
        .filter(user_id=user_id)
        .select_related("user__reminder_preferences")
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment


@login_required
@require_POST
def remind_person(request, pk, user_id):
    access = CohortAccess.of(request.user)
    cohort = access.cohort(pk)
    enrolment = cohort_person(access, cohort, user_id)
    recorded, _refused = reminders.remind_by_coordinator(request.user, cohort, [enrolment])
    if recorded:
        enqueue_on_commit(tasks.send_due_reminders)
        messages.success(request, _("The reminder to %(name)s is on its way.") % {"name": enrolment.user})
    else:
        messages.warning(
            request,
            _(
                "No reminder was sent to %(name)s: they already got one today, completed the course or chose not "
                "to receive reminders."
            )
            % {"name": enrolment.user},
        )
    return redirect(f"{reverse('cohorts:detail', args=[cohort.pk])}?estancados=1")


@login_required
@require_POST
def remind_stalled(request, pk):
    access = CohortAccess.of(request.user)
    cohort = access.cohort(pk)
    stalled = progress.people(cohort, access.municipality_ids(cohort), stalled_only=True).select_related(
        "user__reminder_preferences"
    )
    recorded, refused = reminders.remind_by_coordinator(request.user, cohort, list(stalled))
    if recorded:
        enqueue_on_commit(tasks.send_due_reminders)
    messages.success(
        request,
        ngettext(
            "%(recorded)s reminder is on its way; %(refused)s stalled people were left out (already reminded today, "
            "completed, or no reminders).",
            "%(recorded)s reminders are on their way; %(refused)s stalled people were left out (already reminded "
            "today, completed, or no reminders).",
            recorded,
        )
        % {"recorded": recorded, "refused": refused},
    )
    return redirect(f"{reverse('cohorts:detail', args=[cohort.pk])}?estancados=1")


@login_required
@require_GET
def person_history(request, pk, user_id):
    access = CohortAccess.of(request.user)
    cohort = access.cohort(pk)
    enrolment = cohort_person(access, cohort, user_id)
    history = Reminder.objects.filter(user_id=user_id, cohort__in=access.cohorts()).select_related("cohort", "sent_by")
    return render(
        request,
        "cohorts/person_history.html",
        {"cohort": cohort, "enrolment": enrolment, "person": enrolment.user, "history": history},
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    instance = Preferences.objects.filter(user=request.user).first() or Preferences(user=request.user)
    form = PreferencesForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if saved.channel != Channel.NONE:
            saved.unsubscribed_at = None
        saved.save()
        messages.success(request, _("Your preferences were saved."))
        return redirect("cohorts:preferences")
    return render(request, "cohorts/preferences.html", {"form": form})


@csrf_exempt  # RFC 8058: the mail client posts here without a session or a form of ours; the signed token is the key.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    user_id = reminders.user_id_of(token)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise Http404
    if request.method == "POST":
        with transaction.atomic():
            instance, _created = Preferences.objects.select_for_update().get_or_create(user=user)
            instance.channel = Channel.NONE
            instance.announcements_by_email = False
            instance.unsubscribed_at = timezone.now()
            instance.save()
            Reminder.objects.filter(user=user, status=Reminder.Status.PENDING).update(status=Reminder.Status.CANCELLED)
        return render(request, "cohorts/unsubscribed.html", {"person": user})
    return render(request, "cohorts/unsubscribe.html", {"person": user, "token": token})


@csrf_exempt  # the mail provider posts here without a session; the body's signature is the key
@require_POST
def bounce_webhook(request):
    """The mail provider reports bounced addresses (``cohorts.bounces``): 404 while no secret is configured, 403 for
    a body not signed with it, 400 for a body that is not ``{"emails": [...]}``."""
    if not settings.BOUNCE_WEBHOOK_SECRET:
        raise Http404
    if not bounces.is_signed(request.body, request.headers.get(bounces.SIGNATURE_HEADER)):
        return JsonResponse({"error": "bad signature"}, status=403)
    try:
        payload = json.loads(request.body)
        emails = payload["emails"]
        if not isinstance(emails, list) or len(emails) > bounces.MOST_AT_ONCE:
            raise TypeError
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": 'expected {"emails": [...]} with at most 1000 addresses'}, status=400)
    valid, invalid = bounces.normalised(emails)
    return JsonResponse({"marked": bounces.mark(valid) if valid else 0, "invalid": invalid})
