"""``manage.py mark_bounced ADDRESS… [--file FILE] [--clear]``: mark addresses whose mail came back (no more
reminders or announcements by email), or clear the mark once an address works again."""

from django.core.management.base import BaseCommand, CommandError

from cohorts import bounces


class Command(BaseCommand):
    help = "Mark email addresses as bounced (nothing more is emailed to them), or clear the mark with --clear."

    def add_arguments(self, parser):
        parser.add_argument("emails", nargs="*", help="Addresses, e.g. from the mail server's bounce reports.")
        parser.add_argument("--file", help="A text file with one address per line (lines starting with # are skipped).")
        parser.add_argument("--clear", action="store_true", help="The addresses work again: remove the mark.")

    def handle(self, *args, emails, file, clear, **options):
        given = list(emails)
        if file:
            try:
                with open(file, encoding="utf-8-sig") as lines:
                    given += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"Could not read {file}: {error}") from None
        valid, invalid = bounces.normalised(given)
        for address in invalid:
            self.stderr.write(f"Not an email address, skipped: {address!r}")
        if not valid:
            raise CommandError("No valid address given.")
        if clear:
            self.stdout.write(f"{bounces.clear(valid)} address(es) cleared.")
        else:
            self.stdout.write(f"{bounces.mark(valid)} address(es) newly marked as bounced ({len(valid)} given).")
