from importlib import import_module
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule
from wagtail.models import Site


def align_site_with_base_url():
    """Give the default Wagtail site the demo's public address (``BASE_URL``, or ``PORT`` under ``make run``), so
    the page addresses Wagtail writes in full (its workflow emails) point where the demo is served."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = address.port or (443 if address.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (address.hostname, port):
        site.hostname, site.port = address.hostname, port
        site.save()  # saved, not updated: Wagtail's cached site addresses and the published edition follow


def demo_modules():
    """Every project app's ``demo`` module, in ``INSTALLED_APPS`` order except that a module naming apps in
    ``LOAD_BEFORE`` (their labels) comes before those apps' modules."""
    modules = [
        (app_config.label, import_module(f"{app_config.name}.demo"))
        for app_config in apps.get_app_configs()
        if module_has_submodule(app_config.module, "demo")
    ]
    ordered = []
    for label, module in modules:
        before = [
            index for index, (other, _module) in enumerate(ordered) if other in getattr(module, "LOAD_BEFORE", ())
        ]
        ordered.insert(min(before, default=len(ordered)), (label, module))
    return [module for _label, module in ordered]


class Command(BaseCommand):
    help = (
        "Load the demo (idempotent): every project app with a demo module adds its part, in INSTALLED_APPS "
        "order (a demo module's LOAD_BEFORE names apps whose demo it must precede). What is already there is kept."
    )

    def handle(self, *args, **options):
        for demo in demo_modules():
            with transaction.atomic():
                demo.load(self.stdout)
        align_site_with_base_url()
        self.stdout.write(self.style.SUCCESS(f"Demo ready, addressed as {settings.WAGTAILADMIN_BASE_URL}."))
