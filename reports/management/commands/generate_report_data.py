"""``manage.py generate_report_data --officials 100000 --municipalities 345 --courses 30 --seed 2014``

A synthetic data set for the reports benchmark (``bench/reports.py``); never on a production database.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from reports import summary
from reports.synthetic import Sizes, generate


class Command(BaseCommand):
    help = "Generate a synthetic data set (officials, courses, enrolments, completions) to benchmark the reports."

    def add_arguments(self, parser):
        parser.add_argument("--officials", type=int, default=100_000)
        parser.add_argument("--municipalities", type=int, default=345)
        parser.add_argument("--courses", type=int, default=30)
        parser.add_argument("--seed", type=int, default=2014)

    def handle(self, *args, officials, municipalities, courses, seed, **options):
        if min(officials, municipalities, courses) < 1:
            raise CommandError("Every size must be at least 1.")
        started = time.perf_counter()
        try:
            counts = generate(Sizes(officials, municipalities, courses, seed), log=self.stdout.write)
        except ValueError as error:
            raise CommandError(str(error)) from error
        summary.refresh()  # the records were written past the models: the summaries are rebuilt from them once
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {counts['officials']} officials, {counts['enrolments']} enrolments and "
                f"{counts['completions']} completions in {time.perf_counter() - started:.1f} s."
            )
        )
