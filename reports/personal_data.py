"""The reports' part of a person's data (Ley 19.628; see ``accounts.personal_data``): the exports they asked for.

Stored export files name officials. When anyone's data is erased, every stored export is deleted (a file may name
them), after the erasure commits; reports themselves count enrolments, which stay with the anonymised account.
"""

from .models import ReportExport


def export_report_requests(user):
    """Listed in ``settings.PERSONAL_DATA_EXPORTERS``."""
    exports = ReportExport.objects.filter(requested_by=user).order_by("created_at")
    return {
        "report_exports": [
            {
                "report": export.report,
                "subject": export.subject,
                "table": export.table,
                "filters": export.query,
                "format": export.format,
                "status": export.status,
                "requested_at": export.created_at,
            }
            for export in exports
        ]
    }
