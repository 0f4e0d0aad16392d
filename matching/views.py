from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import staff_only
from accounts.models import User

from .selectors import coverage_by_programme


@staff_only
def dashboard(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    return render(request, "matching/dashboard.html", {"coverage": coverage_by_programme(user)})
