from django.urls import path

from . import views
from .credentials import views as credential_views

app_name = "certificates"

urlpatterns = [
    path("verificar/", views.verify, name="verify"),
    path("verificar/<str:code>/", views.verification, name="verification"),
    path("verificar/<str:code>/credencial.json", credential_views.credential_json, name="credential_json"),
    path("verificar/<str:code>/credencial.jwt", credential_views.credential_jwt, name="credential_jwt"),
    path("estado/<str:number>/", credential_views.status_list, name="status_list"),
    path("<str:code>/pdf/", views.download, name="download"),
]
