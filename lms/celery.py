"""The Celery application.

With no ``CELERY_BROKER_URL`` the settings make tasks run in-process (eagerly), so the demo needs no service.
"""

import logging
import os

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

logger = logging.getLogger(__name__)

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@beat_init.connect
def sweep_at_start(sender=None, **kwargs):
    """Beat sends its sweeps (``SWEEPS_AT_START``) as it starts, rather than one interval later: after a restart,
    whatever a lost message left undone is repaired at once."""
    from django.conf import settings

    for name in settings.SWEEPS_AT_START:
        try:
            app.send_task(name)
        except Exception:  # noqa: BLE001 — beat keeps starting; its schedule sends the sweep again soon.
            logger.warning("Could not send %s as beat started; its schedule will.", name, exc_info=True)
