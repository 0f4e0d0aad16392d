from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import allow_roles, coordinators_only, post_only, staff_only, user_of
from accounts.models import Role

from . import services
from .forms import (
    CommentForm,
    DecisionForm,
    LearningProfileForm,
    OptOutForm,
    StudentSearchForm,
)
from .models import (
    OwnPlacement,
    OwnPlacementStatus,
    ProfileStatus,
    Student,
)
from .portal import home_panels, staff_panels
from .selectors import (
    profile_of,
    reach_hint,
    recognised_companies_for,
    student_search,
    students_visible_to,
)

PAGE_SIZE = 50
students_only = allow_roles(Role.STUDENT)
helpers = allow_roles(Role.COORDINATOR, Role.REVIEWER, Role.INSTITUTION_ADMIN)


def _own_student(request: HttpRequest) -> Student:
    return get_object_or_404(
        Student.objects.select_related("programme", "counsellor", "user"), user=request.user
    )


def _staff_student(request: HttpRequest, pk: int) -> Student:
    user = user_of(request)
    return get_object_or_404(
        students_visible_to(user).select_related("programme", "counsellor", "user"), pk=pk
    )


# --- the student ---------------------------------------------------------------------------


@students_only
def home(request: HttpRequest) -> HttpResponse:
    student = _own_student(request)
    profile = profile_of(student)
    saved = profile.pk is not None
    context = {
        "student": student,
        "profile": profile,
        "deadline": services.profile_deadline(student),
        "open": services.profile_is_open(student),
        "frozen": services.profile_frozen(student),
        "wishes": profile.wishes.select_related("work_process") if saved else [],
        "placement": OwnPlacement.objects.filter(student=student).select_related("company").first(),
        "comments": profile.comments.select_related("author") if saved else [],
        "panels": home_panels(student, profile if saved else None),
    }
    return render(request, "students/home.html", context)


def _profile_form(
    request: HttpRequest, student: Student, *, done_url: str, staff: bool
) -> HttpResponse:
    profile = profile_of(student)
    # A submitted form stays submitted while it is edited, so it must stay complete.
    submitting = "submit_profile" in request.POST or profile.status == ProfileStatus.SUBMITTED
    form = LearningProfileForm(
        request.POST or None,
        instance=profile,
        student=student,
        submitting=submitting,
        private=not staff,
    )
    autosave = request.headers.get("X-Autosave") == "1"
    if request.method == "POST":
        if form.is_valid():
            try:
                services.profile_save(
                    student=student,
                    data=form.cleaned_data,
                    by=user_of(request),
                    submit=submitting,
                )
            except ValidationError as exc:
                if autosave:
                    return JsonResponse(
                        {"saved": False, "error": " ".join(exc.messages)}, status=409
                    )
                messages.error(request, " ".join(exc.messages))
                return redirect(done_url)
            if autosave:
                return JsonResponse({"saved": True, "at": timezone.localtime().strftime("%H:%M")})
            messages.success(
                request,
                _("Ingediend. Je kunt het tot de deadline nog aanpassen.")
                if submitting
                else _("Opgeslagen als concept."),
            )
            return redirect(done_url)
        if autosave:
            return JsonResponse({"saved": False, "errors": form.errors.get_json_data()}, status=400)
        if submitting:
            messages.error(
                request, _("Nog niet alles is ingevuld. Kijk bij de rode meldingen hieronder.")
            )
    return render(
        request,
        "students/profile_form.html",
        {
            "form": form,
            "student": student,
            "staff": staff,
            "deadline": services.profile_deadline(student),
            "open": services.profile_is_open(student),
        },
    )


@students_only
def profile_edit(request: HttpRequest) -> HttpResponse:
    student = _own_student(request)
    if not services.profile_is_open(student) and request.method == "GET":
        messages.info(
            request,
            services.profile_frozen(student)
            or _("De deadline is voorbij: je kunt je leerwensen alleen nog bekijken."),
        )
        return redirect("students:home")
    return _profile_form(request, student, done_url="students:home", staff=False)


def _hint_response(request: HttpRequest, student: Student) -> JsonResponse:
    form = LearningProfileForm(request.POST, student=student)
    form.is_valid()  # uses whatever is valid so far; nothing is saved
    return JsonResponse(reach_hint(student=student, data=getattr(form, "cleaned_data", {})))


@students_only
@post_only
def reach_hint_view(request: HttpRequest) -> JsonResponse:
    return _hint_response(request, _own_student(request))


@students_only
def opt_out(request: HttpRequest) -> HttpResponse:
    student = _own_student(request)
    placement = OwnPlacement.objects.filter(student=student).first()
    form = OptOutForm(
        request.POST or None, instance=placement, companies=recognised_companies_for(student)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_opt_out(
                student=student,
                by=user_of(request),
                company=form.cleaned_data["company"],
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Doorgegeven. Je bpv-coördinator beoordeelt je eigen stageplek.")
            )
        return redirect("students:home")
    return render(request, "students/opt_out.html", {"form": form, "student": student})


@students_only
@post_only
def opt_in(request: HttpRequest) -> HttpResponse:
    try:
        services.profile_opt_in(student=_own_student(request), by=user_of(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Je doet weer mee met de matching. Vul je leerwensen in."))
    return redirect("students:home")


@students_only
def my_data(request: HttpRequest) -> HttpResponse:
    student = _own_student(request)
    body = json.dumps(services.student_data_export(student), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-stagematching.json"'
    return response


# --- school staff --------------------------------------------------------------------------


@staff_only
def staff_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    visible = students_visible_to(user)
    counts = {
        row["profile__status"] or ProfileStatus.NOT_STARTED: row["n"]
        for row in visible.values("profile__status").annotate(n=Count("id"))
    }
    qs = student_search(visible, query).select_related("user", "programme", "profile")
    if status in ProfileStatus.values:
        in_status = Q(profile__status=status)
        if status == ProfileStatus.NOT_STARTED:
            in_status |= Q(profile__isnull=True)
        qs = qs.filter(in_status)
    page = Paginator(qs.order_by("student_number"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "students/staff_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "filter_form": StudentSearchForm(initial={"q": query, "status": status}),
            "statuses": [(v, label, counts.get(v, 0)) for v, label in ProfileStatus.choices],
            "not_done": services.students_not_done(visible).count(),
            "pending_placements": OwnPlacement.objects.filter(
                student__in=visible, status=OwnPlacementStatus.PENDING
            ).count(),
            "can_coordinate": user.role in (Role.COORDINATOR, Role.INSTITUTION_ADMIN),
        },
    )


@staff_only
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    student = _staff_student(request, pk)
    profile = profile_of(student)
    saved = profile.pk is not None
    user = user_of(request)
    return render(
        request,
        "students/staff_detail.html",
        {
            "student": student,
            "profile": profile,
            "wishes": profile.wishes.select_related("work_process") if saved else [],
            "comments": profile.comments.select_related("author") if saved else [],
            "changes": profile.changes.select_related("changed_by")[:20] if saved else [],
            "placement": OwnPlacement.objects.filter(student=student)
            .select_related("company")
            .first(),
            # The support note is for the care coordinator only.
            "support_note": getattr(student, "support_note", None)
            if user.role == Role.CARE_COORDINATOR
            else None,
            "comment_form": CommentForm(),
            "deadline": services.profile_deadline(student),
            "panels": staff_panels(student, profile if saved else None),
            "can_help": user.role in (Role.COORDINATOR, Role.REVIEWER, Role.INSTITUTION_ADMIN),
        },
    )


@helpers
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    student = _staff_student(request, pk)
    return _profile_form(request, student, done_url=f"/student/overzicht/{student.pk}/", staff=True)


@helpers
@post_only
def staff_reach_hint(request: HttpRequest, pk: int) -> JsonResponse:
    return _hint_response(request, _staff_student(request, pk))


@staff_only
@post_only
def staff_comment(request: HttpRequest, pk: int) -> HttpResponse:
    student = _staff_student(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(
            student=student, author=user_of(request), text=form.cleaned_data["text"]
        )
        messages.success(
            request, _("Opmerking geplaatst; de student ziet haar op de eigen pagina.")
        )
    else:
        messages.error(request, _("Schrijf een opmerking van maximaal 2000 tekens."))
    return redirect("students:staff-detail", pk=student.pk)


@coordinators_only
@post_only
def staff_remind(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    ids = list(services.students_not_done(students_visible_to(user)).values_list("pk", flat=True))
    n = services.reminders_schedule(student_ids=ids)
    messages.success(
        request,
        _(
            "Herinnering ingepland voor %(n)s studenten. Wie het afgelopen etmaal al een "
            "herinnering kreeg, krijgt er geen tweede."
        )
        % {"n": n},
    )
    return redirect("students:staff-list")


@coordinators_only
def own_placements(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    placements = (
        OwnPlacement.objects.filter(student__programme__institution=user.institution_id)
        .select_related("student__user", "student__programme", "company__place", "decided_by")
        .order_by("status", "-created_at")
    )
    page = Paginator(placements, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(p, DecisionForm(auto_id=f"decide-{p.pk}-%s")) for p in page]
    return render(request, "students/own_placements.html", {"page": page, "rows": rows})


@coordinators_only
def deadlines(request: HttpRequest) -> HttpResponse:
    """The intake deadlines are the "leerwensformulier sluit" steps of the planning: the one
    place for them. Old links land there."""
    return redirect(reverse("cockpit:planning"))
