"""Managing certificates in the Wagtail admin (ministry staff and admins): find, download, revoke, re-issue,
and a ZIP of a course's certificates. Every action is recorded in the audit trail (``audit``)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from wagtail.admin.auth import permission_required
from wagtail.models import ModelLogEntry

from courses.models import CoursePage

from . import archives, codes, services
from .forms import RevocationForm
from .models import Certificate, CertificateArchive
from .storage import attachment

PERMISSION = "certificates.manage_certificates"
PER_PAGE = 50

manage = permission_required(PERMISSION)


@manage
@require_safe
def index(request):
    certificates = Certificate.objects.select_related("replaced_by").order_by("-issued_at")
    query = " ".join(request.GET.get("q", "").split())[:100]
    if query:
        code = codes.normalise(query)
        certificates = certificates.filter(
            Q(holder_name__icontains=query) | Q(course_title__icontains=query) | Q(code=code or query.upper())
        )
    courses = CoursePage.objects.filter(enrolments__certificates__isnull=False).distinct().order_by("title")
    course = None
    if request.GET.get("curso", "").isdigit():
        course = courses.filter(pk=request.GET["curso"]).first()
        if course:
            certificates = certificates.filter(enrolment__course=course)
    page = Paginator(certificates, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "certificates/admin/index.html",
        {"page": page, "query": query, "courses": courses, "course": course},
    )


@manage
@require_safe
def detail(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("replaced_by", "enrolment__user"), pk=pk)
    return TemplateResponse(request, "certificates/admin/detail.html", detail_context(certificate))


def detail_context(certificate, revocation_form=None):
    history = ModelLogEntry.objects.for_instance(certificate).select_related("user").order_by("-timestamp")
    return {
        "certificate": certificate,
        "replaces": certificate.replaces.all(),
        "history": history,
        "revocation_form": revocation_form or RevocationForm(),
    }


@manage
@require_POST
def revoke(request, pk):
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevocationForm(request.POST)
    if not form.is_valid():
        context = detail_context(certificate, form)
        return TemplateResponse(request, "certificates/admin/detail.html", context, status=400)
    try:
        services.revoke(certificate, form.cleaned_data["reason"], by=request.user)
    except services.CannotChange as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Certificate %(code)s revoked.") % {"code": certificate.display_code})
    return redirect("certificates_admin:detail", pk=pk)


@manage
@require_POST
def reissue(request, pk):
    certificate = get_object_or_404(Certificate, pk=pk)
    try:
        new = services.reissue(certificate, by=request.user)
    except services.CannotChange as error:
        messages.error(request, str(error))
        return redirect("certificates_admin:detail", pk=pk)
    messages.success(
        request,
        _("Certificate %(old)s replaced by %(new)s; its PDF is being prepared.")
        % {"old": certificate.display_code, "new": new.display_code},
    )
    return redirect("certificates_admin:detail", pk=new.pk)


@manage
@require_http_methods(["GET", "HEAD", "POST"])
def course_archive(request, course_id):
    """GET: the archive's state and download link; POST: ask for it to be (re)built in the background."""
    course = get_object_or_404(CoursePage, pk=course_id)
    if request.method == "POST":
        archives.request(course, request.user)
        messages.success(request, _("The ZIP is being prepared. Reload this page in a moment."))
        return redirect("certificates_admin:course_archive", course_id=course.pk)
    archive = CertificateArchive.objects.filter(course=course).first()
    context = {
        "course": course,
        "archive": archive,
        "ready": archive is not None and archives.is_current(archive),
        "count": archives.certificates_of(course).count(),
    }
    return TemplateResponse(request, "certificates/admin/course_archive.html", context)


@manage
@require_safe
def course_archive_download(request, course_id):
    archive = CertificateArchive.objects.select_related("course").filter(course_id=course_id).first()
    if archive is None or not archives.is_current(archive):
        raise Http404(_("This course's ZIP is not ready: ask for it again."))
    return attachment(archive.file, "application/zip", f"certificados-{archive.course.slug}.zip")


@manage
@require_safe
def download(request, pk):
    certificate = get_object_or_404(Certificate, pk=pk)
    if not certificate.is_ready:
        raise Http404(_("This certificate's PDF is not ready yet."))
    return attachment(certificate.file, "application/pdf", certificate.filename)
