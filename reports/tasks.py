"""Background work for reports: thin wrappers around ``reports.services``."""

from celery import shared_task

from . import services, summary


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def build_export(export_id):
    services.build_export(export_id)


@shared_task
def sweep_exports():
    """Every few minutes: re-queue exports whose task was lost; delete expired exports and their files."""
    services.sweep_exports()


@shared_task
def refresh_summaries():
    """Nightly: rebuild the per municipality × course summaries whole (every write keeps them current; this makes
    good whatever bypassed the models, such as a bulk import)."""
    summary.refresh()
