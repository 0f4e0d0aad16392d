from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .access import ALL_ROLES, allow_roles, coordinators_only, staff_only
from .forms import ChoosePasswordForm, ImportUploadForm, LoginForm, ResetForm
from .importing import IMPORTERS, Importer, import_apply, import_preview
from .models import CoreTask, ImportBatch, Programme, Role, User
from .spreadsheets import template_csv
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


# --- spreadsheet imports (students, companies) -------------------------------------------


@coordinators_only
def import_upload(request: HttpRequest, kind: str) -> HttpResponse:
    importer = get_importer_or_404(kind)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = import_preview(
                kind=kind,
                fh=upload,
                filename=upload.name,
                user=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect("accounts:import-preview", pk=batch.pk)
    return render(request, "accounts/import_upload.html", {"importer": importer, "form": form})


@coordinators_only
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    importer = get_importer_or_404(kind)
    content = template_csv([c.name for c in importer.columns], list(importer.example))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sjabloon-{kind}.csv"'
    return response


def _batch_for(request: HttpRequest, pk: int) -> ImportBatch:
    user: User = request.user  # type: ignore[assignment]
    return get_object_or_404(ImportBatch, pk=pk, institution=user.institution_id)


@coordinators_only
def import_preview_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_for(request, pk)
    importer = get_importer_or_404(batch.kind)
    columns = [c.name for c in importer.columns]
    page = Paginator(batch.rows, 100).get_page(request.GET.get("page"))
    bad_rows = {e["row"] for e in batch.errors}
    return render(
        request,
        "accounts/import_preview.html",
        {
            "batch": batch,
            "importer": importer,
            "columns": columns,
            "page": page,
            "bad_rows": bad_rows,
        },
    )


@coordinators_only
@require_POST
def import_apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_for(request, pk)
    importer = get_importer_or_404(batch.kind)
    try:
        batch = import_apply(batch=batch, user=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("accounts:import-preview", pk=batch.pk)
    messages.success(
        request,
        _("Ingelezen: %(new)s nieuw, %(unchanged)s ongewijzigd.") % batch.summary,
    )
    return redirect(importer.done_url)


def get_importer_or_404(kind: str) -> Importer:
    if kind not in IMPORTERS:
        raise Http404
    return IMPORTERS[kind]
