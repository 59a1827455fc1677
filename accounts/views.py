"""Front-end account views (not the Wagtail admin): sign-up, sign-in, password, profile, personal data and
two-step verification."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import RedirectURLMixin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import CreateView, FormView, TemplateView, UpdateView
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, forms, personal_data, two_factor
from .forms import LoginForm, ProfileForm, SignupForm


class SignupView(RedirectURLMixin, CreateView):
    """Officials create their own account and are signed in at once, returning to where they came from."""

    form_class = SignupForm
    template_name = "accounts/signup.html"
    next_page = settings.LOGIN_REDIRECT_URL

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("accounts:profile")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.save()
        login(self.request, user, backend="accounts.backends.EmailBackend")
        messages.success(self.request, _("Welcome to Cocrea! Your account is ready."))
        return redirect(self.get_success_url())


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class ProfileView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "accounts/profile.html"
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, _("Your profile has been saved."))
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, _("Your new password is set. You can sign in with it now."))
        return super().form_valid(form)


class PersonalDataView(LoginRequiredMixin, TemplateView):
    """What the platform holds about the person, how to download it and how to ask for its erasure."""

    template_name = "accounts/personal_data.html"


class PersonalDataDownloadView(LoginRequiredMixin, View):
    """The person's data as a JSON file, assembled from every app's exporter (``accounts.personal_data``)."""

    def get(self, request):
        document = personal_data.export_personal_data(request.user)
        response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
        filename = f"cocrea-mis-datos-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        add_never_cache_headers(response)
        return response


class EraseAccountView(LoginRequiredMixin, FormView):
    """Erasure on request: confirmed with the password, then the person is signed out."""

    form_class = forms.EraseAccountForm
    template_name = "accounts/erase_account.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_superuser:
            messages.error(
                request,
                _("An administrator account cannot erase itself: ask another administrator to erase it."),
            )
            return redirect("accounts:personal_data")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        personal_data.erase_personal_data(self.request.user, erased_by=self.request.user)
        logout(self.request)
        messages.success(self.request, _("Your personal data has been erased and your account closed. Thank you."))
        return redirect(settings.LOGOUT_REDIRECT_URL)


class TwoFactorMixin(LoginRequiredMixin):
    """Two-step verification pages exist for people who can reach the admin; others get 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not two_factor.can_use_two_factor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TwoFactorView(TwoFactorMixin, TemplateView):
    template_name = "accounts/two_factor.html"

    def get_context_data(self, **kwargs):
        required = self.request.user.is_superuser and settings.OTP_REQUIRED_FOR_SUPERUSERS
        return super().get_context_data(
            device=two_factor.confirmed_device(self.request.user), required=required, **kwargs
        )


class TwoFactorSetupView(TwoFactorMixin, RedirectURLMixin, FormView):
    """Scan the QR code (or type the secret) into an authenticator app, then prove it with a code."""

    form_class = forms.TokenForm
    template_name = "accounts/two_factor_setup.html"
    next_page = reverse_lazy("accounts:two_factor")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and two_factor.confirmed_device(request.user):
            return redirect("accounts:two_factor")
        return super().dispatch(request, *args, **kwargs)

    def get_device(self):
        device, _created = TOTPDevice.objects.get_or_create(
            user=self.request.user, confirmed=False, defaults={"name": "Cocrea"}
        )
        return device

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.get_device()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        device = context["form"].device
        context.update(qr_code=two_factor.qr_code_svg(device), secret=two_factor.secret_for_typing(device))
        return context

    def form_valid(self, form):
        device = form.device
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        two_factor.complete_second_step(self.request, device)
        audit.log_about(self.request.user, audit.TWO_FACTOR_ENABLED, by=self.request.user)
        messages.success(self.request, _("Two-step verification is on. You will be asked for a code when you sign in."))
        return redirect(self.get_success_url())


class TwoFactorVerifyView(LoginRequiredMixin, RedirectURLMixin, FormView):
    """The second step of signing in: a code from the app of a person who turned verification on."""

    form_class = forms.TokenForm
    template_name = "accounts/two_factor_verify.html"
    next_page = settings.LOGIN_REDIRECT_URL

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not two_factor.confirmed_device(request.user):
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": two_factor.confirmed_device(self.request.user)}

    def form_valid(self, form):
        two_factor.complete_second_step(self.request, form.device)
        return redirect(self.get_success_url())


class TwoFactorDisableView(TwoFactorMixin, FormView):
    """Turn verification off, with the password; not possible where it is required."""

    form_class = forms.PasswordConfirmationForm
    template_name = "accounts/two_factor_disable.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and user.is_superuser and settings.OTP_REQUIRED_FOR_SUPERUSERS:
            messages.error(request, _("Two-step verification is required for administrators and cannot be turned off."))
            return redirect("accounts:two_factor")
        if user.is_authenticated and two_factor.can_use_two_factor(user) and not two_factor.confirmed_device(user):
            return redirect("accounts:two_factor")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        TOTPDevice.objects.filter(user=self.request.user).delete()
        audit.log_about(self.request.user, audit.TWO_FACTOR_DISABLED, by=self.request.user)
        messages.success(self.request, _("Two-step verification is off."))
        return redirect("accounts:two_factor")
