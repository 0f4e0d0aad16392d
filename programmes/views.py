from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.access import staff_only, user_of

from .selectors import programme_with_qualification, programmes_of


@staff_only
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = programmes_of(user_of(request).institution_id)
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


@staff_only
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(
        programme_with_qualification(user_of(request).institution_id), pk=pk
    )
    return render(request, "programmes/programme_detail.html", {"programme": programme})
