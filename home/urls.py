from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("privacidad/", views.PrivacyNoticeView.as_view(), name="privacy"),
]
