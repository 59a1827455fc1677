from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Quizzes inside courses: authored in Wagtail, taken by learners, graded on the server."""

    name = "quizzes"
    verbose_name = _("Quizzes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import serving  # noqa: F401 (page views register themselves when imported)
