"""URL configuration. Spanish addresses carry no language prefix; English lives under /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

urlpatterns = [
    # Wagtail's "chosen" chooser views look the id up without checking it is a number, so a made-up address such
    # as /admin/images/chooser/chosen/x/ would be a server error: answer those with 404 first (to admin users).
    re_path(r"^admin/(?:.+/)?chosen/[^/]*[^0-9/][^/]*/$", require_admin_access(home_views.not_found)),
    path("admin/", include(wagtailadmin_urls)),
    path("documentos/", include(wagtaildocs_urls)),
    path("idioma/", home_views.set_language, name="set_language"),
    path("bench/techo/", home_views.bench_ceiling, name="bench_ceiling"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("cuenta/", include("accounts.urls")),
    path("mi-aprendizaje/", include("courses.urls")),
    path("certificados/", include("certificates.urls")),
    path("cuestionarios/", include("quizzes.urls")),
    path("reportes/", include("reports.urls")),
    path("", include("home.urls")),
    # Wagtail's own addresses (/_util/…), then every page of the tree, served through ``home.views.serve``: last.
    path("", include([pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"])),
    re_path(wagtail_urls.serve_pattern, home_views.serve, name="wagtail_serve"),
    prefix_default_language=False,
)
