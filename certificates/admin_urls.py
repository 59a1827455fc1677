from django.urls import path

from . import admin_views

app_name = "certificates_admin"

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/pdf/", admin_views.download, name="download"),
    path("<int:pk>/revocar/", admin_views.revoke, name="revoke"),
    path("<int:pk>/reemitir/", admin_views.reissue, name="reissue"),
    path("cursos/<int:course_id>/zip/", admin_views.course_archive, name="course_archive"),
    path("cursos/<int:course_id>/zip/descargar/", admin_views.course_archive_download, name="course_archive_download"),
]
