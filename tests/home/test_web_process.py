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
import lms.wsgi, toolkits.views, courses.views, reports.views, home.pdf  # what the URL configuration reaches
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
