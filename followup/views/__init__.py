"""Pages of a placement's life: one page per placement for each party, and the staff lists."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest


def fail(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def form_errors(request: HttpRequest, form: BaseForm) -> None:
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
