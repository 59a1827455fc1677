"""The installable web app: its manifest, the service worker and the page it shows offline.

The service worker is a file of the site's own static files (``static/js/sw.js``), served from the root
(``/sw.js``) so that its scope is the whole site. The view puts one line of settings before it: the addresses of
the files every saved page needs (hashed in production), the offline page and the sign-out addresses, and a
version that changes with them (so that browsers install the new worker). The site works the same without it:
the worker only answers when the network does not, and nothing on a page depends on it.
"""

import hashlib
import json
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .offline import ASSETS

#: The brand colour of ``static/css/cocrea.css`` (``--brand``): the installed app's bar.
THEME_COLOUR = "#0b5d5b"


def worker_settings():
    with translation.override("es"):
        offline_page = reverse("courses:offline_page")
    logout = []
    for language in ("es", "en"):
        with translation.override(language):
            logout.append(reverse("accounts:logout"))
    shell = [offline_page, *(static(path) for path in ASSETS)]
    return {"shell": shell, "offline": offline_page, "logout": logout}


@require_safe
@cache_control(no_cache=True)
def service_worker(request):
    found = finders.find("js/sw.js")
    if not found:
        raise Http404
    script = Path(found).read_text(encoding="utf-8")
    config = worker_settings()
    config["version"] = hashlib.sha256((json.dumps(config) + script).encode()).hexdigest()[:12]
    response = HttpResponse(f"var CONFIG = {json.dumps(config)};\n{script}", content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
@cache_control(max_age=86400)
def web_manifest(request):
    """The web app manifest, in Spanish (the site's language; English readers get the same app)."""
    with translation.override("es"):
        start = reverse("courses:dashboard")
    icons = [
        {"src": static(f"img/app/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
        for size in (192, 512)
    ] + [
        {
            "src": static(f"img/app/icon-maskable-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "maskable",
        }
        for size in (192, 512)
    ]
    manifest = {
        "name": "Cocrea: aprendizaje para municipios",
        "short_name": "Cocrea",
        "description": "Cursos para funcionarias y funcionarios municipales que co-crean servicios de movilidad.",
        "lang": "es-CL",
        "dir": "ltr",
        "id": "/",
        "start_url": start,
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": icons,
    }
    return JsonResponse(manifest, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@require_safe
def offline_page(request):
    """What a page not saved on the device shows offline. The service worker keeps one copy for everyone, so it
    is rendered as for a visitor (no one's name or links in it)."""
    request.user = AnonymousUser()
    return render(request, "courses/offline.html")
