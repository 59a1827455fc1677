"""Opening a report for a person (scope and object checks on the server) and building exports."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404, QueryDict
from django.utils import timezone, translation
from django.utils.translation import get_language

from accounts.models import Municipality
from core.background import enqueue_on_commit
from core.published import kept
from courses.models import CoursePage

from . import exports
from .builders import REPORTS
from .models import ReportExport
from .scope import ReportScope

logger = logging.getLogger(__name__)

#: Exports with more rows than this are built in the background (``REPORTS_INLINE_EXPORT_ROWS`` overrides it).
INLINE_EXPORT_ROWS = 1000
#: How often a background export records its progress, in rows.
PROGRESS_EVERY = 500


def subject_of(scope, kind, key):
    """The municipality or course a report is about, checked against the scope (404 unknown, 403 not theirs). A
    municipality is kept with the published site (``core.published.kept``: municipalities are snippets, whose
    changes start a new generation); who may see it is checked on every request."""
    if kind == "general":
        if not scope.is_ministry:
            raise PermissionDenied
        return None
    if kind == "municipio":
        municipality = kept(("municipality", str(key)), lambda: Municipality.objects.filter(code=key).first())
        if municipality is None:
            raise Http404
        if not scope.may_see_municipality(municipality):
            raise PermissionDenied
        return municipality
    if kind == "curso":
        course = CoursePage.objects.defer_streamfields().filter(pk=key).first() if str(key).isdigit() else None
        if course is None:
            raise Http404
        if not scope.may_see_course(course):
            raise PermissionDenied
        return course
    raise Http404


def open_report(user, kind, key, data):
    """The report ``kind`` about ``key`` with the filters in ``data``, as ``user`` may see it."""
    scope = ReportScope.of(user)
    return REPORTS[kind](scope, data, subject_of(scope, kind, key))


def inline_limit():
    return getattr(settings, "REPORTS_INLINE_EXPORT_ROWS", INLINE_EXPORT_ROWS)


def request_export(user, kind, key, table_key, fmt, query):
    """Export a table now (``(content, filename, content type), None``) or, when it is large, queue it
    (``None, ReportExport``). Raises PermissionDenied / Http404 like the report itself."""
    report = open_report(user, kind, key, QueryDict(query))
    if not report.valid or table_key not in report.table_keys():
        raise Http404
    size = report.export_size(table_key)
    if size <= inline_limit():
        return exports.render(report, report.table(table_key), fmt), None
    from .tasks import build_export

    export = ReportExport.objects.create(
        requested_by=user,
        report=kind,
        subject=key or "",
        table=table_key,
        query=query,
        format=fmt,
        language=get_language() or "",
        rows_total=size,
    )
    enqueue_on_commit(build_export, str(export.pk))
    return None, export


def build_export(export_id):
    """Build a queued export (idempotent: a ready or vanished export is left alone)."""
    with transaction.atomic():
        export = ReportExport.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.status == ReportExport.Status.READY:
            return
        export.status = ReportExport.Status.RUNNING
        export.rows_done = 0
        export.save(update_fields=["status", "rows_done"])
    try:
        with translation.override(export.language or settings.LANGUAGE_CODE):
            content, name = render_export(export)
    except (PermissionDenied, Http404):
        logger.warning("Export %s refused: its owner may no longer see it.", export.pk)
        ReportExport.objects.filter(pk=export.pk).update(status=ReportExport.Status.FAILED, finished_at=timezone.now())
        return
    export.file.save(name, ContentFile(content), save=False)
    export.status = ReportExport.Status.READY
    export.rows_done = export.rows_total
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "rows_done", "rows_total", "finished_at"])


def render_export(export):
    """The file of a queued export, built with its owner's scope now, recording progress as rows are written."""
    report = open_report(export.requested_by, export.report, export.subject or None, QueryDict(export.query))
    table = report.table(export.table)
    if table is None:
        raise Http404
    export.rows_total = max(len(table.rows) + len(table.footer), 1)
    written = 0

    def progress():
        nonlocal written
        written = min(written + 1, export.rows_total)
        if written % PROGRESS_EVERY == 0:
            ReportExport.objects.filter(pk=export.pk).update(rows_done=written, rows_total=export.rows_total)

    content, name, _content_type = exports.render(report, table, export.format, progress)
    return content, name


def sweep_exports(now=None):
    """Queue exports whose task was lost, and delete exports older than ``REPORT_EXPORT_DAYS`` with their files.
    Returns (queued, deleted)."""
    from .tasks import build_export

    now = now or timezone.now()
    lost = ReportExport.objects.filter(
        status__in=[ReportExport.Status.PENDING, ReportExport.Status.RUNNING],
        created_at__lt=now - timezone.timedelta(minutes=10),
    )
    queued = 0
    for export_id in lost.values_list("pk", flat=True):
        enqueue_on_commit(build_export, str(export_id))
        queued += 1
    days = getattr(settings, "REPORT_EXPORT_DAYS", 7)
    deleted = delete_exports(ReportExport.objects.filter(created_at__lt=now - timezone.timedelta(days=days)))
    return queued, deleted


def delete_exports(exports_queryset):
    count = 0
    for export in exports_queryset:
        if export.file:
            export.file.delete(save=False)
        export.delete()
        count += 1
    return count
