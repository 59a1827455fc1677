"""The Celery application.

With no ``CELERY_BROKER_URL`` the settings make tasks run in-process (eagerly), so the demo needs no service.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
