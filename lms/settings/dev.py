"""Development: the demo served by ``make run`` over plain HTTP on 127.0.0.1.

The demo is what a newcomer sees first, so it behaves as the site does: the designed 404 and 500 pages rather than
Django's debug pages (``DEBUG=1`` brings those back), emails as files rather than in the log, and every absolute
address (emails, QR codes, certificates, Wagtail's notifications) on the port it is served on.
"""

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG")  # noqa: F405
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-cocrea-not-for-production"  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Static files straight from the apps' folders whatever DEBUG says: no collectstatic for the demo.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True  # lms/urls.py serves MEDIA_ROOT (public images and PDFs); in production the proxy does
# One file per message in var/mail/ (a contract: tests and people follow links from the demo's emails there).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")  # noqa: F405
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"  # noqa: F405
# ``make run`` exports PORT; BASE_URL, when set, wins (base.py reads it the same way).
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or 8000}"  # noqa: F405
