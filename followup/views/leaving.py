"""A student who left the programme or the school, recorded from the student's staff page
(the panel `followup/_student_leave.html`): their running placements end."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from accounts.access import coordinators_only, post_only, user_of
from students.models import Student

from ..forms import StudentLeaveForm
from ..services.ending import student_leave
from . import fail, form_errors


@coordinators_only
@post_only
def student_leave_view(request: HttpRequest, student: int) -> HttpResponse:
    user = user_of(request)
    row = get_object_or_404(Student, pk=student, programme__institution_id=user.institution_id or 0)
    form = StudentLeaveForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
    else:
        try:
            n = student_leave(student=row, by=user, **form.cleaned_data)
        except ValidationError as exc:
            fail(request, exc)
        else:
            messages.success(
                request,
                _(
                    "Vastgelegd: de student is gestopt met de opleiding. Beëindigde stages: "
                    "%(n)s. De student doet niet meer mee in vervolgrondes en herinneringen."
                )
                % {"n": n},
            )
    return redirect("students:staff-detail", pk=row.pk)
