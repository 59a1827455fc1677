from django.urls import path

from . import views, webapp

app_name = "courses"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("sin-conexion/", webapp.offline_page, name="offline_page"),
    path("cursos/<int:course_id>/inscripcion/", views.enrol, name="enrol"),
    path("cursos/<int:course_id>/continuar/", views.resume, name="resume"),
    path("cursos/<int:course_id>/completado/", views.finish, name="finish"),
    path("cursos/<int:course_id>/sin-conexion/", views.offline_manifest, name="offline_manifest"),
    path("actividades/<int:item_id>/completar/", views.complete, name="complete"),
]
