from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitsConfig(AppConfig):
    """The toolkit library: method pages and their taxonomies, printable PDFs and the record of their use."""

    name = "toolkits"
    verbose_name = _("Toolkit")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import ReferenceIndex

        from . import receivers, serving  # noqa: F401 (page views register themselves when imported)
        from .models import MethodUse

        # Recorded uses protect a method from deletion, and Wagtail's delete view says so instead of failing.
        ReferenceIndex.register_model(MethodUse)
        receivers.connect()
