"""URL configuration. Spanish addresses carry no language prefix; English lives under /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from certificates.credentials import views as credential_views
from core import health, routing
from courses import webapp

# A database that does not answer gets a Spanish 503 page instead of the 500 page (core.errors).
handler500 = "core.errors.server_error"

urlpatterns = [
    # For the load balancer: no language prefix, no session, no cache data (core.health).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Wagtail's "chosen" chooser views look the id up without checking it is a number, so a made-up address such
    # as /admin/images/chooser/chosen/x/ would be a server error: answer those with 404 first (to admin users).
    re_path(r"^admin/(?:.+/)?chosen/[^/]*[^0-9/][^/]*/$", require_admin_access(routing.not_found)),
    path("admin/", include(wagtailadmin_urls)),
    path("documentos/", include(wagtaildocs_urls)),
    path("idioma/", routing.set_language, name="set_language"),
    # The issuer's DID document (did:web), where did:web resolution looks for it: never under a language prefix.
    path(".well-known/did.json", credential_views.did_document, name="did_document"),
    # The installable web app (courses.webapp): its service worker at the root, so that its scope is the whole site.
    path("sw.js", webapp.service_worker, name="service_worker"),
    path("manifest.webmanifest", webapp.web_manifest, name="web_manifest"),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # The demo's uploaded images and PDFs (``SERVE_MEDIA`` in dev.py, which runs without DEBUG); the proxy serves
    # them in production. Not ``static()``, which answers nothing without DEBUG.
    from django.views.static import serve

    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += i18n_patterns(
    path("cuenta/", include("accounts.urls")),
    path("mi-aprendizaje/", include("courses.urls")),
    path("certificados/", include("certificates.urls")),
    path("cuestionarios/", include("quizzes.urls")),
    path("reportes/", include("reports.urls")),
    path("", include("cohorts.urls")),
    path("", include("practices.urls")),
    path("", include("home.urls")),
    # Wagtail's own addresses (/_util/…), then every page of the tree, served through ``core.routing.serve``: last.
    path("", include([pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"])),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=False,
)
