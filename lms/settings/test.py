"""Tests: fast hashing, in-memory email and cache, media in a temporary folder, tasks eager.

``DATABASE_URL`` and ``CELERY_BROKER_URL`` still come from the environment, so CI runs the suite on PostgreSQL and
the worker tests against Redis. Tasks stay eager for unit tests; the worker tests switch eagerness off themselves.
"""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-cocrea"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cocrea-tests"},
    "published": PUBLISHED_CACHE,  # noqa: F405
}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cocrea-test-media-"))  # noqa: F405
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cocrea-test-private-"))  # noqa: F405
# The authorization matrix opens the verification pages as ten people from one address; the rate-limit tests
# lower this again.
CERTIFICATE_VERIFICATION_LIMIT = 10_000
# Tests that sign credentials make their own keys here (tests/certificates/conftest.py, ``issuer_keys``).
CREDENTIAL_KEYS_DIR = Path(tempfile.mkdtemp(prefix="cocrea-test-keys-"))  # noqa: F405
SILENCED_SYSTEM_CHECKS = ["certificates.W001"]  # no keys until a test makes them; tests/certificates checks it
CELERY_TASK_ALWAYS_EAGER = True
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files straight from the apps' folders, as in development: no collectstatic before tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No embed provider is asked over the network: tests put the embeds they need in Wagtail's Embed table.
WAGTAILEMBEDS_FINDERS = []
