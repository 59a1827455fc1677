from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("registro/", views.SignupView.as_view(), name="signup"),
    path("ingresar/", views.LoginView.as_view(), name="login"),
    path("salir/", views.LogoutView.as_view(), name="logout"),
    path("perfil/", views.ProfileView.as_view(), name="profile"),
    path("confirmar/reenviar/", views.ResendConfirmationView.as_view(), name="resend_confirmation"),
    path("confirmar/<str:token>/", views.ConfirmEmailView.as_view(), name="confirm_email"),
    path("comunas/<str:code>/pendientes/", views.PendingMembersView.as_view(), name="pending_members"),
    path("contrasena/", views.PasswordChangeView.as_view(), name="password_change"),
    path("recuperar/", views.PasswordResetView.as_view(), name="password_reset"),
    path("recuperar/enviado/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("recuperar/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("mis-datos/", views.PersonalDataView.as_view(), name="personal_data"),
    path("mis-datos/descargar/", views.PersonalDataDownloadView.as_view(), name="personal_data_download"),
    path("mis-datos/eliminar/", views.EraseAccountView.as_view(), name="erase_account"),
    path("dos-pasos/", views.TwoFactorView.as_view(), name="two_factor"),
    path("dos-pasos/activar/", views.TwoFactorSetupView.as_view(), name="two_factor_setup"),
    path("dos-pasos/verificar/", views.TwoFactorVerifyView.as_view(), name="two_factor_verify"),
    path("dos-pasos/desactivar/", views.TwoFactorDisableView.as_view(), name="two_factor_disable"),
]
