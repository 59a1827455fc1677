"""The reports dashboard at ``/reportes/``: a front-end page per report, for every role that may see one.

Why not the Wagtail admin: coordinators have no admin access, ministry staff mostly read these figures on a phone
between meetings, and the admin's report views page one table at a time; here each role lands on its own report
with the site's mobile layout, charts and the same filters and exports everywhere.
"""

from contextlib import contextmanager
from functools import wraps

import psycopg
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.views.decorators.http import require_GET, require_POST

from . import charts, services
from .forms import ExportForm
from .models import ReportExport
from .scope import Reach, ReportScope

PAGE_SIZE = 50


def at_one_moment(view):
    """Every query of the view reads the same snapshot of the database (REPEATABLE READ on PostgreSQL), so that a
    commit between two queries cannot make one figure of the page disagree with another: the page is as of the
    moment it states (``Report.moment``)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        with repeatable_read(), transaction.atomic():
            return view(request, *args, **kwargs)

    return wrapped


@contextmanager
def repeatable_read():
    """The transaction about to begin is REPEATABLE READ, as psycopg's ``BEGIN`` states it: no statement of its own
    (one round trip less than ``SET TRANSACTION`` on every report). The connection's own level comes back after it
    (a connection lost meanwhile is closed by Django, and the next request opens a new one). Within a transaction
    already begun (a caller's, a test's) nothing changes."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    own_level = raw.isolation_level
    raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    try:
        yield
    finally:
        if connection.connection is raw:
            raw.isolation_level = own_level


@login_required
@require_GET
def home(request):
    """Each role's own report: ministry → overview, coordinator → their municipality, trainer → their course."""
    scope = ReportScope.of(request.user)
    if scope.reach is Reach.MINISTRY:
        return redirect("reports:overview")
    if scope.reach is Reach.COORDINATOR:
        return redirect("reports:municipality", request.user.municipality.code)
    return redirect("reports:course", scope.courses().values_list("pk", flat=True).first())


def page_of(request, rows, count=None):
    """The page of ``rows`` the query string asks for; ``count``, when the view has counted them already, saves
    the paginator its own count."""
    paginator = Paginator(rows, getattr(settings, "REPORTS_PAGE_SIZE", PAGE_SIZE))
    if count is not None:
        paginator.count = count  # a cached property: what ``rows.count()`` would answer
    return paginator.get_page(request.GET.get("pagina"))


def query_without_page(request):
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


def render_report(request, report, template, **context):
    return render(
        request,
        template,
        {
            "report": report,
            "scope": report.scope,
            "filters": report.filterset.form,
            "query": query_without_page(request),
            "export_query": request.GET.urlencode(),
            **context,
        },
        status=200 if report.valid else 400,
    )


@login_required
@require_GET
@at_one_moment
def overview(request):
    report = services.open_report(request.user, "general", None, request.GET)
    context = {}
    if report.valid:
        page = page_of(request, report.municipalities)
        matrix, municipalities, courses, months = report.tables(municipalities=list(page))
        context = {
            "page": page,
            "matrix": matrix,
            "municipalities": municipalities,
            "courses": courses,
            "months": months,
            "rate_chart": charts.bar_chart([(row[0].text, row[4].value, row[4].text) for row in municipalities.rows]),
            "month_chart": charts.line_chart(
                [
                    (
                        formats.date_format(row[0].value, "M"),
                        str(row[0].value.year) if index == 0 or row[0].value.month == 1 else "",
                        row[1].value,
                        row[1].text,
                    )
                    for index, row in enumerate(months.rows)
                ]
            ),
        }
    return render_report(request, report, "reports/overview.html", **context)


@login_required
@require_GET
@at_one_moment
def municipality(request, code):
    report = services.open_report(request.user, "municipio", code, request.GET)
    context = {}
    if report.valid:
        summary = report.summary()
        page = page_of(request, report.rows_queryset(), count=report.listed_count(summary))
        context = {"page": page, "officials": report.officials_table(page), "summary": summary}
    return render_report(request, report, "reports/municipality.html", **context)


@login_required
@require_GET
@at_one_moment
def course(request, course_id):
    report = services.open_report(request.user, "curso", course_id, request.GET)
    context = {
        "their_courses": list(report.scope.courses().values_list("pk", "title")) if not report.scope.is_ministry else []
    }
    if report.valid:
        tables = report.tables()
        funnel = tables[0]
        context.update(
            tables=tables,
            funnel_chart=charts.bar_chart(
                [(row[0].text, row[1].value, row[1].text) for row in funnel.rows],
                maximum=funnel.rows[0][1].value or 1,
            ),
        )
    return render_report(request, report, "reports/course.html", **context)


@login_required
@require_POST
@at_one_moment
def export(request):
    """Export one table of a report: at once when small, otherwise queued with a page that follows it."""
    form = ExportForm(request.POST)
    if not form.is_valid():
        return render(request, "400.html", status=400)
    data = form.cleaned_data
    ready, queued = services.request_export(
        request.user, data["report"], data["subject"] or None, data["table"], data["format"], data["query"]
    )
    if queued is not None:
        return redirect("reports:export_status", queued.pk)
    content, filename, content_type = ready
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def own_export(request, export_id):
    ReportScope.of(request.user)
    export = get_object_or_404(ReportExport, pk=export_id)
    if export.requested_by_id != request.user.pk:
        raise PermissionDenied
    return export


@login_required
@require_GET
def export_status(request, export_id):
    export = own_export(request, export_id)
    return render(
        request,
        "reports/export_status.html",
        {"export": export, "back": reverse_report(export)},
    )


@login_required
@require_GET
def export_download(request, export_id):
    export = own_export(request, export_id)
    if export.status != ReportExport.Status.READY or not export.file:
        raise Http404
    from django.http import FileResponse

    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.file.name.rsplit("/", 1)[-1])


def reverse_report(export):
    if export.report == "municipio":
        return reverse("reports:municipality", args=[export.subject])
    if export.report == "curso":
        return reverse("reports:course", args=[export.subject])
    return reverse("reports:overview")
