"""Pages of a placement's life: one page per placement for each party, and the staff lists."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest

from accounts.models import User
from catalog.formfields import is_id


def fail(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def form_errors(request: HttpRequest, form: BaseForm) -> None:
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))


def posted_teacher(request: HttpRequest, user: User) -> User | None:
    """The staff member of `user`'s school chosen as bpv-docent in the POST, or None."""
    chosen = request.POST.get("teacher", "")
    if not is_id(chosen):
        return None
    return User.objects.filter(pk=int(chosen), institution_id=user.institution_id or 0).first()
