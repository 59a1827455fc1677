"""Front-end account views (not the Wagtail admin): sign-up, sign-in, password, profile, personal data and
two-step verification."""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import RedirectURLMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, resolve_url
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import CreateView, FormView, TemplateView, UpdateView
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, confirmation, forms, membership, personal_data, two_factor
from .forms import LoginForm, PasswordChangeForm, ProfileForm, SignupForm
from .models import Municipality, User

PENDING_PAGE_SIZE = 50
CUT_CODE = re.compile(r"[0-9]{5}")


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
        report_confirmation_sent(self.request, user, confirmation.send_confirmation(self.request, user))
        return redirect(self.get_success_url())


def report_confirmation_sent(request, user, sent):
    if sent:
        messages.info(
            request,
            _(
                "We sent a message to %(email)s. Open the link in it within %(days)s days to confirm your address: "
                "you need it to enrol in courses."
            )
            % {"email": user.email, "days": confirmation.VALID_FOR.days},
        )
    else:
        messages.warning(
            request,
            _("We could not send the confirmation message to %(email)s just now. Ask for it again from your profile.")
            % {"email": user.email},
        )


def reads_reports(user):
    """Who follows others' records lands on the reports after signing in (``reports:home`` picks their report):
    ministry staff, and a coordinator whose own membership of their municipality stands confirmed."""
    if user.is_superuser:
        return False
    if user.has_perm("accounts.view_all_municipality_records"):
        return True
    return user.has_confirmed_membership and user.has_perm("accounts.view_own_municipality_records")


class LoginView(auth_views.LoginView):
    """Officials and trainers land on Mi aprendizaje, ministry staff and coordinators on their reports; an
    explicit ``next`` wins for everyone."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        if reads_reports(self.request.user):
            return resolve_url("reports:home")
        return super().get_default_redirect_url()


class LogoutView(auth_views.LogoutView):
    pass


class ProfileView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "accounts/profile.html"
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your profile has been saved."))
        if "municipality" in form.changed_data and not form.instance.is_confirmed_member:
            messages.info(
                self.request,
                _(
                    "Your membership of %(municipality)s is pending: the municipality's coordination will confirm it. "
                    "Until then you are not counted in its reports."
                )
                % {"municipality": form.instance.municipality},
            )
        return response


class ConfirmEmailView(TemplateView):
    """The link of the confirmation email: shows whether it is valid, and confirms the address on POST (a GET
    changes nothing, so a mail scanner opening the link confirms nothing by itself)."""

    template_name = "accounts/confirm_email.html"

    def dispatch(self, request, *args, token, **kwargs):
        self.person, self.problem = None, None
        try:
            self.person = confirmation.user_for_token(token)
        except confirmation.ExpiredLink:
            self.problem = "expired"
        except confirmation.InvalidLink:
            self.problem = "invalid"
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(person=self.person, problem=self.problem, **kwargs)
        user = self.request.user
        context["may_resend"] = user.is_authenticated and not user.email_confirmed_at
        return context

    def post(self, request, *args, **kwargs):
        if self.person is None:
            return self.get(request, *args, **kwargs)
        membership.confirm_email(self.person)
        messages.success(request, _("Your email address %(email)s is confirmed.") % {"email": self.person.email})
        if request.user.is_authenticated and request.user.pk == self.person.pk:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return redirect("accounts:login")


class ResendConfirmationView(LoginRequiredMixin, RedirectURLMixin, View):
    """Sends a new confirmation link (at most one a minute) and returns to where the person was."""

    http_method_names = ["post"]
    next_page = reverse_lazy("accounts:profile")

    def post(self, request):
        user = request.user
        if user.email_confirmed_at:
            messages.info(request, _("Your email address is already confirmed."))
        elif not confirmation.may_resend(user):
            messages.warning(
                request, _("We sent you a link less than a minute ago. Check your inbox (and spam folder) first.")
            )
        else:
            report_confirmation_sent(request, user, confirmation.send_confirmation(request, user))
        target = self.get_redirect_url()  # "" unless a safe address on this site
        return HttpResponseRedirect(target if target.startswith("/") else resolve_url(self.next_page))


class PendingMembersView(LoginRequiredMixin, FormView):
    """People who say they work at a municipality, waiting for its coordinator (or ministry staff) to confirm or
    reject them. Only confirmed members count in the municipality's reports."""

    form_class = forms.MembershipDecisionForm
    template_name = "accounts/pending_members.html"

    def dispatch(self, request, *args, code, **kwargs):
        if request.user.is_authenticated:
            if not request.user.has_perm("accounts.decide_membership"):
                raise PermissionDenied
            if not CUT_CODE.fullmatch(code):
                raise Http404
            self.municipality = get_object_or_404(Municipality, code=code)
            if not membership.may_decide(request.user, self.municipality):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipality": self.municipality}

    def get_context_data(self, **kwargs):
        pending = (
            User.objects.pending_members()
            .filter(municipality=self.municipality)
            .order_by("membership_requested_at", "last_name", "first_name", "pk")
        )
        page = Paginator(pending, PENDING_PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(municipality=self.municipality, page=page, **kwargs)

    def form_valid(self, form):
        person = form.cleaned_data["person"]
        approve = form.cleaned_data["decision"] == form.APPROVE
        try:
            membership.decide(person, approve=approve, by=self.request.user)
        except membership.CannotDecide:
            form.add_error("person", form.fields["person"].error_messages["invalid_choice"])
            return self.form_invalid(form)
        if approve:
            message = _("%(name)s is now a confirmed official of %(municipality)s.")
        else:
            message = _("%(name)s's membership of %(municipality)s was rejected.")
        messages.success(self.request, message % {"name": person, "municipality": self.municipality})
        return redirect(self.request.get_full_path())


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
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


class NextFieldMixin(RedirectURLMixin):
    """Gives the form's hidden ``next`` field the address the person was on their way to.

    The form posts ``next`` back; left empty, it would override the one in the address and send them home.
    """

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.get_redirect_url(), **kwargs)


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


class TwoFactorSetupView(TwoFactorMixin, NextFieldMixin, FormView):
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


class TwoFactorVerifyView(LoginRequiredMixin, NextFieldMixin, FormView):
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
