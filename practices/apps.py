from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    """Practice records (learner records) and their evidence, reviews in courses and the public map."""

    name = "practices"
    verbose_name = _("Applied practice")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers, serving  # noqa: F401 (page views register themselves when imported)

        receivers.connect()
