"""``make run``'s server: Django's development server that says, last, where the demo is and how to sign in.

Everything else the demo prints (the loader's progress, the server's banner) comes before the greeting, and the
demo's emails go to files (``var/mail/``), so a newcomer finds the address and the accounts at the bottom.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.commands.runserver import Command as RunserverCommand

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


def greeting(address):
    """The lines printed once the server listens at ``address``."""
    width = max(len(email) for email, *_rest in DEMO_ACCOUNTS)
    lines = [
        "",
        f"Cocrea is ready: {address}",
        f"Demo accounts (password {DEMO_PASSWORD}):",
    ]
    for email, _first, _last, _code, position, role, superuser in DEMO_ACCOUNTS:
        what = "superuser" if superuser else role.key
        lines.append(f"  {email.ljust(width)}  {what} · {position}")
    mail = getattr(settings, "EMAIL_FILE_PATH", None)
    if mail and settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":
        folder = Path(mail).relative_to(settings.BASE_DIR) if Path(mail).is_relative_to(settings.BASE_DIR) else mail
        lines.append(f"Emails the demo sends are files in {folder}/ (one per message).")
    return "\n".join(lines)


class Command(RunserverCommand):
    help = "Serve the demo and print, last, its address and demo accounts (make run)."

    def on_bind(self, server_port):
        super().on_bind(server_port)
        host = f"[{self.addr}]" if self._raw_ipv6 else self.addr
        address = f"{self.protocol}://{host}:{server_port}/"
        self.stdout.write(self.style.SUCCESS(greeting(address)))
