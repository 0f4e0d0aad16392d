"""The staff's list of placements (search, filters, 50 a page), assigning a bpv-docent to
many placements at once, and the caseload of the bpv-docenten."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.access import coordinators_only, post_only, staff_only, user_of
from accounts.models import User, school_staff
from catalog.formfields import is_id
from programmes.selectors import programmes_of

from ..overview import FILTERS, PAGE_SIZE, Selection, caseload, counts, listed
from ..selectors import SCHOOL_SIGNERS, SIGNAL_READERS
from ..services.caseload import supervisions_assign
from . import fail, posted_teacher


def _selection(data: QueryDict) -> Selection:
    show = data.get("toon", "")
    programme, teacher = data.get("opleiding", ""), data.get("docent", "")
    return Selection(
        show=show if show in FILTERS else "",
        programme=int(programme) if is_id(programme) else None,
        query=data.get("q", "").strip()[:100],
        teacher=int(teacher) if is_id(teacher) else None,
    )


def _list_url(selection: Selection) -> str:
    params = selection.params()
    return reverse("followup:list") + (f"?{urlencode(params)}" if params else "")


@staff_only
def staff_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    selection = _selection(request.GET)
    today = timezone.localdate()
    page = Paginator(listed(user, selection, today), PAGE_SIZE).get_page(request.GET.get("page"))
    may_assign = user.role in SCHOOL_SIGNERS
    params = selection.params()
    context: dict[str, Any] = {
        "page": page,
        "counts": counts(user, selection, today),
        "selection": selection,
        "programmes": programmes_of(user.institution_id).order_by("name"),
        "params": params,
        "page_params": urlencode(params),
        "narrowed": bool(params),
        "may_export": may_assign,
        "may_assign": may_assign,
        "may_read_signals": user.role in SIGNAL_READERS,
        "teachers": list(school_staff(user.institution_id).order_by("full_name", "pk"))
        if may_assign
        else [],
    }
    if selection.teacher:
        context["teacher"] = User.objects.filter(
            pk=selection.teacher, institution_id=user.institution_id or 0
        ).first()
    return render(request, "followup/list.html", context)


@coordinators_only
@post_only
def supervision_bulk(request: HttpRequest) -> HttpResponse:
    """One staff member becomes the bpv-docent of the chosen placements: the ticked ones, or
    every placement of the list's selection (its filters travel along in the form; `count`
    is what the coordinator saw, so a selection that changed meanwhile is refused)."""
    user = user_of(request)
    selection = _selection(request.POST)
    back = redirect(_list_url(selection))
    teacher = posted_teacher(request, user)
    if teacher is None:
        messages.error(request, _("Kies een medewerker als bpv-docent."))
        return back
    rows = listed(user, selection, timezone.localdate())
    if request.POST.get("scope") == "selectie":
        seen = request.POST.get("count", "")
        if not is_id(seen) or int(seen) != rows.count():
            messages.error(
                request, _("De selectie is veranderd sinds je de lijst opende. Kijk opnieuw.")
            )
            return back
    else:
        field = "op_pagina" if request.POST.get("scope") == "pagina" else "placement"
        ticked = [int(v) for v in request.POST.getlist(field) if is_id(v)]
        if not ticked:
            messages.error(request, _("Vink eerst een of meer stages aan."))
            return back
        rows = rows.filter(pk__in=ticked[:PAGE_SIZE])
    try:
        n = supervisions_assign(placements=rows, teacher=teacher, by=user)
    except ValidationError as exc:
        fail(request, exc)
        return back
    messages.success(
        request,
        ngettext(
            "%(name)s is nu bpv-docent van %(n)s stage.",
            "%(name)s is nu bpv-docent van %(n)s stages.",
            n,
        )
        % {"name": teacher.full_name or teacher.email, "n": n},
    )
    return back


@coordinators_only
def caseload_page(request: HttpRequest) -> HttpResponse:
    """Per staff member: the running placements they guide and how many fall short of
    contact moments, each linked to the list; and the placements without a bpv-docent."""
    rows = caseload(user_of(request), timezone.localdate())
    unassigned, staff = rows[0], rows[1:]
    return render(
        request,
        "followup/caseload.html",
        {
            "unassigned": unassigned,
            "staff": staff,
            "total": sum(r.placements for r in rows),
        },
    )
