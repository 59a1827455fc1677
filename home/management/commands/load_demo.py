from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = (
        "Load the demo (idempotent): every project app with a demo module adds its part, in INSTALLED_APPS "
        "order. What is already there is kept."
    )

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            if not module_has_submodule(app_config.module, "demo"):
                continue
            demo = import_module(f"{app_config.name}.demo")
            with transaction.atomic():
                demo.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo ready."))
