from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    """Cohorts of a course across municipalities, their deadlines and the reminders sent to their people."""

    name = "cohorts"
    verbose_name = _("Cohorts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers

        receivers.connect()
