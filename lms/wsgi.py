"""WSGI entry point (gunicorn ``lms.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

from lms.web_process import skip_unmounted_api

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")
# Web requests get the short database statement timeout (see the settings); workers and commands do not.
os.environ.setdefault("LMS_PROCESS", "web")

skip_unmounted_api()  # before Django sets up the apps, whose ready() would build an API this site does not serve
application = get_wsgi_application()
