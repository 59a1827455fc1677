from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("<int:quiz_id>/comenzar/", views.start, name="start"),
    path("<int:quiz_id>/analisis/", views.item_analysis, name="item_analysis"),
    path("intentos/<int:attempt_id>/", views.attempt, name="attempt"),
]
