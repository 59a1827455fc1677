from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("cursos/<int:course_id>/inscripcion/", views.enrol, name="enrol"),
    path("cursos/<int:course_id>/continuar/", views.resume, name="resume"),
    path("actividades/<int:item_id>/completar/", views.complete, name="complete"),
]
