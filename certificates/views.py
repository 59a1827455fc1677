"""Public verification of a certificate by its code, and the private download of its PDF."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from . import codes, ratelimit
from .forms import VerificationForm
from .models import Certificate
from .storage import attachment

RETRY_AFTER_SECONDS = 30


@require_safe
def verify(request):
    """The form (a GET form: a verification address can be shared); a well-formed code goes to its page, where the
    lookup is counted against the client's limit (a malformed one never reaches the database)."""
    form = VerificationForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("certificates:verification", code=form.cleaned_data["codigo"])
    return TemplateResponse(request, "certificates/verify.html", {"form": form})


@require_safe
def verification(request, code):
    """What a stranger may know about a certificate: holder, course, hours, date, issuer and status."""
    if not ratelimit.allow(request):
        return ratelimit.too_many(request)
    normalised = codes.normalise(code)
    if normalised and normalised != code:
        return redirect("certificates:verification", code=normalised)
    certificate = (
        Certificate.objects.select_related("replaced_by").filter(code=normalised).first() if normalised else None
    )
    if certificate is None:
        form = VerificationForm()
        return TemplateResponse(request, "certificates/not_found.html", {"form": form}, status=404)
    response = TemplateResponse(request, "certificates/verification.html", {"certificate": certificate})
    response["Cache-Control"] = "no-store"  # a revocation shows at once
    response["X-Robots-Tag"] = "noindex"
    return response


def may_download(user, certificate):
    if user.has_perm("certificates.manage_certificates"):
        return True
    return certificate.enrolment.user_id == user.pk and certificate.is_current


@login_required
@require_safe
def download(request, code):
    """The PDF, to its holder (while it is valid), ministry staff and admins; never from a public address."""
    certificate = Certificate.objects.select_related("enrolment").filter(code=codes.normalise(code) or "").first()
    if certificate is None or not may_download(request.user, certificate):
        raise PermissionDenied
    if not certificate.is_ready:
        context = {"certificate": certificate}
        response = TemplateResponse(request, "certificates/being_prepared.html", context, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return attachment(certificate.file, "application/pdf", certificate.filename)
