"""The settings the benchmarks serve the site with: production's, unchanged, plus the ceiling route (``bench.urls``).

``bench/server.py`` runs gunicorn and the worker with these; the production URLconf never mounts the route.
"""

from lms.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
