from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("verificar/", views.verify, name="verify"),
    path("verificar/<str:code>/", views.verification, name="verification"),
    path("<str:code>/pdf/", views.download, name="download"),
]
