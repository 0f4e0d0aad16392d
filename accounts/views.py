from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy

from .access import ALL_ROLES, allow_roles, staff_only
from .forms import ChoosePasswordForm, LoginForm, ResetForm
from .models import CoreTask, Programme, Role, User
from .tokens import invitation_token_generator

ROLE_HOME = {
    Role.STUDENT: "students:home",
    Role.COMPANY_CONTACT: "companies:home",
}


@allow_roles(ALL_ROLES)
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to the start page of their role."""
    return redirect(ROLE_HOME.get(request.user.role, "matching:dashboard"))  # type: ignore[union-attr]


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

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = None
        return context


logout_view = allow_roles(ALL_ROLES)(auth_views.LogoutView.as_view())


@staff_only
def programme_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    programmes = (
        Programme.objects.filter(institution=user.institution_id)
        .select_related("team")
        .annotate(n_students=Count("students", distinct=True))
    )
    return render(request, "accounts/programme_list.html", {"programmes": programmes})


@staff_only
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    programme = get_object_or_404(
        Programme.objects.select_related("team").prefetch_related(
            Prefetch(
                "core_tasks",
                queryset=CoreTask.objects.prefetch_related("work_processes"),
            ),
            "electives",
        ),
        pk=pk,
        institution=user.institution_id,
    )
    return render(request, "accounts/programme_detail.html", {"programme": programme})
