"""What a web process loads: WeasyPrint (some 40 MB) only when a PDF is rendered and openpyxl (some 10 MB) only when
a spreadsheet is written, both in workers, never to serve pages."""

import subprocess
import sys

from django.conf import settings

SERVE_A_PAGE = """
import sys
import django
django.setup()
from django.urls import resolve
import lms.wsgi, toolkits.views, courses.views, reports.views, core.pdf  # what the URL configuration reaches
resolve("/cursos/"), resolve("/herramientas/")
print(",".join(sorted(name for name in sys.modules if name.split(".")[0] in {"weasyprint", "openpyxl"})))
"""


def test_serving_pages_loads_neither_weasyprint_nor_openpyxl():
    loaded = subprocess.run(
        [sys.executable, "-c", SERVE_A_PAGE],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "lms.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert loaded.stdout.strip() == ""


SERVE_THROUGH_WSGI = """
import sys
import lms.wsgi
from django.test import Client
from django.urls import resolve
resolve("/cursos/"), resolve("/admin/")
from wagtail.signals import page_slug_changed
assert page_slug_changed.receivers  # the redirects app's ready() ran past the stand-ins
print(",".join(sorted(name for name in sys.modules if name.split(".")[0] == "ninja")))
print(",".join(sorted(name for name in sys.modules if name.startswith("wagtail.api.v3.routers"))))
"""


def test_a_web_process_does_not_build_the_api_the_site_does_not_mount():
    """Wagtail's apps register with its v3 API (django-ninja, pydantic schemas) whether or not it is mounted; this
    site does not install it, so ``lms.wsgi`` leaves it out (``lms.web_process``)."""
    loaded = subprocess.run(
        [sys.executable, "-c", SERVE_THROUGH_WSGI],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "lms.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert loaded.stdout.split("\n")[:2] == ["", ""]
    assert "wagtail.api.v3" not in settings.INSTALLED_APPS
