from celery.exceptions import TimeoutError as CeleryTimeout
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.tasks import worker_health


class Command(BaseCommand):
    help = "Send a task through the broker and wait for a Celery worker to answer (deployment check)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for an answer.")

    def handle(self, *args, timeout, **options):
        if not settings.CELERY_BROKER_URL:
            self.stdout.write("No CELERY_BROKER_URL: tasks run in-process, no worker is needed.")
            return
        try:
            answer = worker_health.delay().get(timeout=timeout)
        except CeleryTimeout as exc:
            raise CommandError(f"No worker answered within {timeout:g} s.") from exc
        message = f"Worker {answer['host']} answered; database reachable: {answer['database']}."
        self.stdout.write(self.style.SUCCESS(message))
