"""Bringing officials into a cohort: the list (file or pasted), its preview and confirmation, its progress, the
template to fill in, the pending invitations (resend, cancel), and the invited person's page behind the link."""

import csv
import io
import logging

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.background import enqueue_on_commit

from . import imports, invitations, tasks
from .access import CohortAccess
from .invitation_forms import AcceptForm, ListForm
from .models import BulkImport, Invitation

logger = logging.getLogger(__name__)

#: Seconds between two reloads of the progress page while a list is applied or its emails leave.
REFRESH_SECONDS = 3
#: Rows listed per kind of change in a preview (the figures count them all; refused rows are always all listed).
SHOWN_ROWS = 200


def runnable(request, pk):
    """The cohort ``pk`` and the municipalities this person may invite to it; 404 for a cohort they cannot see."""
    access = CohortAccess.of(request.user)
    cohort = access.cohort(pk)
    municipalities = imports.municipalities_for(access, cohort)
    if not municipalities:
        raise PermissionDenied
    return access, cohort, municipalities


@login_required
@require_http_methods(["GET", "POST"])
def invite(request, pk):
    access, cohort, municipalities = runnable(request, pk)
    closed = cohort.days_left() is None
    form = ListForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        municipalities=municipalities,
    )
    if request.method == "POST" and not closed and form.is_valid():
        bulk_import = imports.create_preview(
            form.cleaned_data["parsed"],
            cohort=cohort,
            municipality=form.cleaned_data["municipality"],
            user=request.user,
            source=form.cleaned_data["source"],
        )
        return redirect("cohorts:import", cohort.pk, bulk_import.pk)
    return render(
        request,
        "cohorts/invitations/invite.html",
        {
            "cohort": cohort,
            "form": form,
            "closed": closed,
            "max_rows": imports.MAX_ROWS,
            "background_from": imports.BACKGROUND_FROM,
        },
    )


@login_required
@require_GET
def template(request, pk, extension):
    runnable(request, pk)
    if extension not in ("csv", "xlsx"):
        raise Http404
    if extension == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Funcionarios"
        sheet.append(imports.TEMPLATE_HEADER)
        sheet.append(imports.TEMPLATE_EXAMPLE)
        sheet.freeze_panes = "A2"
        for column, width in zip("ABCD", (22, 22, 34, 30), strict=True):
            sheet.column_dimensions[column].width = width
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(imports.TEMPLATE_HEADER)
        writer.writerow(imports.TEMPLATE_EXAMPLE)
        response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plantilla-funcionarios.{extension}"'
    return response


def own_import(request, cohort, import_id):
    """A list belongs to the person who uploaded it, for the cohort it was uploaded to: 404 for anyone else."""
    bulk_import = (
        BulkImport.objects.select_related("municipality")
        .filter(pk=import_id, cohort=cohort, created_by=request.user)
        .first()
    )
    if bulk_import is None:
        raise Http404
    return bulk_import


@login_required
@require_http_methods(["GET", "POST"])
def import_detail(request, pk, import_id):
    _access, cohort, _municipalities = runnable(request, pk)
    bulk_import = own_import(request, cohort, import_id)
    if request.method == "POST":
        return confirm(request, cohort, bulk_import)
    rows = bulk_import.rows
    context = {
        "cohort": cohort,
        "bulk_import": bulk_import,
        "counts": imports.counts(rows),
        "to_invite": [row for row in rows if row["outcome"] == imports.INVITE][:SHOWN_ROWS],
        "to_enrol": [row for row in rows if row["outcome"] == imports.ENROL][:SHOWN_ROWS],
        "shown_rows": SHOWN_ROWS,
        "refused": [
            dict(row, reason_text=imports.reason_text(row)) for row in rows if row["outcome"] == imports.REFUSED
        ],
        "background": imports.needs_background(bulk_import),
        "refresh": None if bulk_import.is_done or bulk_import.status == BulkImport.Status.PREVIEW else REFRESH_SECONDS,
    }
    if bulk_import.status == BulkImport.Status.PREVIEW:
        return render(request, "cohorts/invitations/preview.html", context)
    return render(request, "cohorts/invitations/progress.html", context)


def confirm(request, cohort, bulk_import):
    background = imports.needs_background(bulk_import)
    try:
        imports.start(bulk_import.pk, queue=background)
    except imports.AlreadyApplied:
        messages.info(request, _("This list was already confirmed; it is applied once."))
        return redirect("cohorts:import", cohort.pk, bulk_import.pk)
    if background:
        enqueue_on_commit(tasks.apply_import, bulk_import.pk)
        return redirect("cohorts:import", cohort.pk, bulk_import.pk)
    try:
        imports.apply(bulk_import.pk)
    except Exception:  # noqa: BLE001 — the list is marked failed with nothing applied; the page says so
        logger.exception("Could not apply list %s", bulk_import.pk)
        return redirect("cohorts:import", cohort.pk, bulk_import.pk)
    enqueue_on_commit(tasks.send_import_invitations, bulk_import.pk)
    return redirect("cohorts:import", cohort.pk, bulk_import.pk)


def cohort_invitation(request, pk, invitation_id):
    access, cohort, _municipalities = runnable(request, pk)
    invitation = (
        Invitation.objects.select_related("cohort__course", "invited_by")
        .filter(pk=invitation_id, cohort=cohort, municipality_id__in=access.municipality_ids(cohort))
        .first()
    )
    if invitation is None:
        raise Http404
    return cohort, invitation


@login_required
@require_POST
def resend_invitation(request, pk, invitation_id):
    cohort, invitation = cohort_invitation(request, pk, invitation_id)
    if not invitation.is_pending:
        messages.warning(request, _("This invitation was already accepted or cancelled."))
    elif not invitations.may_resend(invitation):
        messages.info(request, _("The invitation to %(email)s was sent a moment ago.") % {"email": invitation.email})
    elif invitations.resend(invitation):
        messages.success(request, _("A new invitation is on its way to %(email)s.") % {"email": invitation.email})
    else:
        messages.warning(request, _("The invitation could not be sent now. Try again later."))
    return redirect(f"{cohort_url(cohort)}#invitaciones")


@login_required
@require_POST
def cancel_invitation(request, pk, invitation_id):
    cohort, invitation = cohort_invitation(request, pk, invitation_id)
    if invitation.is_pending:
        invitations.cancel(invitation)
        messages.success(request, _("The invitation to %(email)s was cancelled.") % {"email": invitation.email})
    return redirect(f"{cohort_url(cohort)}#invitaciones")


def cohort_url(cohort):
    return reverse("cohorts:detail", args=[cohort.pk])


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    problem, invitation, used = None, None, None
    try:
        invitation = invitations.invitation_for_token(token)
    except invitations.ExpiredLink:
        problem = "expired"
    except invitations.InvalidLink:
        problem = "invalid"
    except invitations.UsedLink as error:
        problem, used = "used", error.invitation
    if problem:
        status = 404 if problem == "invalid" else 410
        return render(request, "cohorts/invitations/accept.html", {"problem": problem, "used": used}, status=status)
    initial = {"first_name": invitation.first_name, "last_name": invitation.last_name, "position": invitation.position}
    form = AcceptForm(request.POST if request.method == "POST" else None, invitation=invitation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(
                invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                position=form.cleaned_data["position"],
                password=form.cleaned_data["password1"],
            )
        except invitations.AccountExists:
            return render(request, "cohorts/invitations/accept.html", {"problem": "exists", "invitation": invitation})
        except (invitations.UsedLink, invitations.InvalidLink):
            return render(request, "cohorts/invitations/accept.html", {"problem": "used"}, status=410)
        login(request, user, backend="accounts.backends.EmailBackend")
        messages.success(
            request,
            _("Welcome, %(name)s. Your account is ready and you are enrolled in %(course)s.")
            % {"name": user.first_name, "course": invitation.cohort.course.title},
        )
        return redirect(invitation.cohort.course.url or "/mi-aprendizaje/")
    return render(
        request,
        "cohorts/invitations/accept.html",
        {"invitation": invitation, "form": form},
    )
