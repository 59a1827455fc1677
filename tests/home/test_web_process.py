"""What a web process loads: WeasyPrint (some 40 MB) only when a PDF is rendered, never to serve pages."""

import subprocess
import sys

from django.conf import settings

SERVE_A_PAGE = """
import sys
import django
django.setup()
from django.urls import resolve
import lms.wsgi, toolkits.views, courses.views, home.pdf  # everything the URL configuration reaches
resolve("/cursos/"), resolve("/herramientas/")
print(",".join(sorted(name for name in sys.modules if name.split(".")[0] == "weasyprint")))
"""


def test_serving_pages_does_not_load_weasyprint():
    loaded = subprocess.run(
        [sys.executable, "-c", SERVE_A_PAGE],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "lms.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert loaded.stdout.strip() == ""
