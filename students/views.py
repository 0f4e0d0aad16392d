from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.access import allow_roles, staff_only
from accounts.models import Role, User

from .models import LearningProfile, ProfileStatus, Student
from .selectors import student_search, students_visible_to

PAGE_SIZE = 50


@allow_roles(Role.STUDENT)
def home(request: HttpRequest) -> HttpResponse:
    student = get_object_or_404(
        Student.objects.select_related("programme", "counsellor"), user=request.user
    )
    profile, _ = LearningProfile.objects.get_or_create(student=student)
    return render(request, "students/home.html", {"student": student, "profile": profile})


@staff_only
def staff_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    qs = student_search(students_visible_to(user), query).select_related(
        "user", "programme", "profile"
    )
    if status in ProfileStatus.values:
        in_status = Q(profile__status=status)
        if status == ProfileStatus.NOT_STARTED:
            in_status |= Q(profile__isnull=True)
        qs = qs.filter(in_status)
    page = Paginator(qs.order_by("student_number"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "students/staff_list.html",
        {"page": page, "query": query, "status": status, "statuses": ProfileStatus.choices},
    )
