from django.urls import path

from . import announcement_views, invitation_views, views

app_name = "cohorts"

urlpatterns = [
    path("convocatorias/", views.cohort_list, name="list"),
    path("convocatorias/nueva/", views.cohort_create, name="create"),
    path("convocatorias/<int:pk>/", views.cohort_detail, name="detail"),
    path("convocatorias/<int:pk>/editar/", views.cohort_edit, name="edit"),
    path("convocatorias/<int:pk>/recordar-estancados/", views.remind_stalled, name="remind_stalled"),
    path("convocatorias/<int:pk>/personas/<int:user_id>/", views.person_history, name="person"),
    path("convocatorias/<int:pk>/personas/<int:user_id>/recordar/", views.remind_person, name="remind_person"),
    path("convocatorias/<int:pk>/anuncios/nuevo/", announcement_views.cohort_announce, name="cohort_announce"),
    path("anuncios/", announcement_views.announcement_list, name="announcements"),
    path("anuncios/cursos/<int:course_id>/nuevo/", announcement_views.course_announce, name="course_announce"),
    path("convocatorias/<int:pk>/invitar/", invitation_views.invite, name="invite"),
    path(
        "convocatorias/<int:pk>/invitar/plantilla.<str:extension>",
        invitation_views.template,
        name="invitation_template",
    ),
    path("convocatorias/<int:pk>/invitar/<int:import_id>/", invitation_views.import_detail, name="import"),
    path(
        "convocatorias/<int:pk>/invitaciones/<int:invitation_id>/reenviar/",
        invitation_views.resend_invitation,
        name="resend_invitation",
    ),
    path(
        "convocatorias/<int:pk>/invitaciones/<int:invitation_id>/cancelar/",
        invitation_views.cancel_invitation,
        name="cancel_invitation",
    ),
    path("convocatorias/invitacion/<str:token>/", invitation_views.accept_invitation, name="accept_invitation"),
    path("recordatorios/preferencias/", views.preferences, name="preferences"),
    path("recordatorios/rebotes/", views.bounce_webhook, name="bounce_webhook"),
    path("recordatorios/baja/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
