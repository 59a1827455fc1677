"""Public verification of a certificate by its code (with its verifiable credential offered for download), and the
private download of its PDF."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.pdf import qr_code

from . import codes, ratelimit
from .credentials.addresses import absolute
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


def not_found(request):
    """No certificate has this code (or it cannot be one): the Spanish page with the form to try again."""
    return TemplateResponse(request, "certificates/not_found.html", {"form": VerificationForm()}, status=404)


def public_lookup(request, code, certificates):
    """A stranger's lookup of a typed code among ``certificates``, counted against the client's limit:
    ``(certificate, None)``, or ``(None, response)`` when there are too many lookups, the code was typed loosely
    (a redirect to its stored form, on the same view) or no certificate has it."""
    if not ratelimit.allow(request):
        return None, ratelimit.too_many(request)
    normalised = codes.normalise(code)
    if normalised and normalised != code:
        return None, redirect(request.resolver_match.view_name, code=normalised)
    certificate = certificates.filter(code=normalised).first() if normalised else None
    if certificate is None:
        return None, not_found(request)
    return certificate, None


@require_safe
def verification(request, code):
    """What a stranger may know about a certificate: holder, course, hours, date, issuer and status."""
    certificate, response = public_lookup(request, code, Certificate.objects.select_related("replaced_by"))
    if certificate is None:
        return response
    context = {"certificate": certificate}
    if certificate.holder_name:  # an erased holder's certificate has no credential any more
        credential_url = absolute("certificates:credential_json", certificate.code)
        context.update(credential_url=credential_url, credential_qr=qr_code(credential_url))
    response = TemplateResponse(request, "certificates/verification.html", context)
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
    if certificate.downloaded_at is None and certificate.enrolment.user_id == request.user.pk:
        # The first download by its holder: the reminder "certificate ready and not downloaded" stops (cohorts).
        Certificate.objects.filter(pk=certificate.pk, downloaded_at__isnull=True).update(downloaded_at=timezone.now())
    return attachment(certificate.file, "application/pdf", certificate.filename)
