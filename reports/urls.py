from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("general/", views.overview, name="overview"),
    path("comunas/<str:code>/", views.municipality, name="municipality"),
    path("cursos/<int:course_id>/", views.course, name="course"),
    path("exportar/", views.export, name="export"),
    path("exportaciones/<uuid:export_id>/", views.export_status, name="export_status"),
    path("exportaciones/<uuid:export_id>/descargar/", views.export_download, name="export_download"),
]
