from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Courses and what learners do in them: enrol, complete items, resume, finish."""

    name = "courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers, serving  # noqa: F401 (page views register themselves when imported)

        receivers.connect()
