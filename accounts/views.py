from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy

from .access import ALL_ROLES, allow_roles, user_of
from .forms import ChoosePasswordForm, LoginForm, ResetForm
from .models import Role
from .tokens import invitation_token_generator

ROLE_HOME = {
    Role.STUDENT: "students:home",
    Role.COMPANY_CONTACT: "companies:home",
    Role.COORDINATOR: "cockpit:dashboard",
}


@allow_roles(ALL_ROLES)
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to the start page of their role."""
    return redirect(ROLE_HOME.get(Role(user_of(request).role), "matching:dashboard"))


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    success_url = reverse_lazy("accounts:password-reset-done")
    email_template_name = "registration/password_reset_email.txt"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = ChoosePasswordForm
    success_url = reverse_lazy("accounts:password-reset-complete")


class ActivateView(auth_views.PasswordResetConfirmView):
    """The invitation link: choose a password, then you are logged in."""

    form_class = ChoosePasswordForm
    token_generator = invitation_token_generator
    reset_url_token = "account-activeren"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    template_name = "registration/activate.html"
    success_url = reverse_lazy("home")


logout_view = allow_roles(ALL_ROLES)(auth_views.LogoutView.as_view())
