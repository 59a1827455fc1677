from django.urls import path

from . import public, views

app_name = "practices"

urlpatterns = [
    path("mis-practicas/", views.mine, name="mine"),
    path("mis-practicas/nueva/", views.create, name="create"),
    path("mis-practicas/<int:pk>/", views.edit, name="edit"),
    path("mis-practicas/<int:pk>/evidencias/", views.add_evidence, name="add_evidence"),
    path(
        "mis-practicas/<int:pk>/evidencias/<int:evidence_id>/eliminar/",
        views.remove_evidence,
        name="remove_evidence",
    ),
    path("mis-practicas/<int:pk>/publicacion/", views.publication, name="publication"),
    path("mis-practicas/<int:pk>/enviar/", views.submit, name="submit"),
    path("practicas/", public.practice_map, name="map"),
    path("practicas/<int:pk>/", public.detail, name="detail"),
    path("practicas/evidencias/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("practicas/revision/", views.queue, name="queue"),
    path("practicas/revision/<int:pk>/", views.review, name="review"),
]
