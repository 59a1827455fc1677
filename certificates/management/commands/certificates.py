"""Issue or re-render certificates in bulk, in this process, with a progress bar.

manage.py certificates issue                 # every completed enrolment still without its certificate
manage.py certificates rerender [--course ID] [--template ID]
                                             # every valid certificate again, with its template's current
                                             # layout (e.g. after fixing a logo); the text stays as issued
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from certificates import services
from certificates.models import Certificate, CertificateTemplate

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Issue missing certificates or re-render valid ones, with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["issue", "rerender"])
        parser.add_argument("--course", type=int, help="Only certificates of this course (page id).")
        parser.add_argument("--template", type=int, help="Only certificates printed with this template (id).")

    def handle(self, action, course=None, template=None, **options):
        if template is not None and not CertificateTemplate.objects.filter(pk=template).exists():
            raise CommandError(f"There is no certificate template with id {template}.")
        if action == "issue":
            work = services.missing()
            if course is not None:
                work = list(
                    services.Enrolment.objects.filter(pk__in=work, course_id=course).values_list("pk", flat=True)
                )
            step = services.deliver
        else:
            certificates = Certificate.objects.current().order_by("pk")
            if course is not None:
                certificates = certificates.filter(enrolment__course_id=course)
            if template is not None:
                certificates = certificates.filter(template_id=template)
            work = list(certificates)

            def step(certificate):
                return services.render(certificate, force=True)

        failures = 0
        for done, item in enumerate(work, start=1):
            try:
                step(item)
            except Exception as error:  # noqa: BLE001 — one bad certificate must not stop the batch; it is reported.
                failures += 1
                self.stderr.write(f"\n{item}: {error}")
            self.progress(done, len(work))
        self.stdout.write(f"\n{action}: {len(work) - failures} done, {failures} failed.")
        if failures:
            raise CommandError(f"{failures} certificate(s) failed; run the command again to retry them.")

    def progress(self, done, total):
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        ending = "\r" if sys.stdout.isatty() and done < total else "\n"
        self.stdout.write(f"[{bar}] {done}/{total}", ending=ending)
        self.stdout.flush()
