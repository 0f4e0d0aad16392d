from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.access import allow_roles, staff_only
from accounts.models import Role, User

from .models import CompanyContact
from .selectors import companies_for_staff

PAGE_SIZE = 50


@allow_roles(Role.COMPANY_CONTACT)
def home(request: HttpRequest) -> HttpResponse:
    contact = get_object_or_404(
        CompanyContact.objects.select_related("company__place", "company__organisation_type"),
        user=request.user,
    )
    company = contact.company
    offers = company.offers.select_related("programme").prefetch_related("work_processes")
    return render(request, "companies/home.html", {"company": company, "offers": offers})


@staff_only
def staff_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    query = request.GET.get("q", "").strip()
    page = Paginator(companies_for_staff(user, query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "companies/staff_list.html", {"page": page, "query": query})
