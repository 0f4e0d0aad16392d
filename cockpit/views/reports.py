"""Downloads of every staff list and the Stagepact report."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from accounts.access import institution_of, staff_only, user_of
from cockpit.pdf import stagepact_pdf
from cockpit.selectors import charts, lists, stagepact
from spreadsheets.exports import download

from .common import year_choices, year_of


@staff_only
def exports(request: HttpRequest) -> HttpResponse:
    year = year_of(request)
    context = {
        "year": year,
        "years": year_choices(year),
        "lists": [(slug, title) for slug, (title, _table) in lists.LISTS.items()],
        "rounds": charts.rounds_of_year(institution_of(request).pk, year),
    }
    return render(request, "cockpit/exports.html", context)


@staff_only
def export(request: HttpRequest, name: str) -> HttpResponseBase:
    """One list as CSV, or XLSX with `?formaat=xlsx`, with only what the reader may see."""
    if name not in lists.LISTS:
        raise Http404
    _title, table = lists.LISTS[name]
    return download(request, table(user_of(request), year_of(request)))


@staff_only
def stagepact_report(request: HttpRequest) -> HttpResponseBase:
    """The page, or with `?formaat=csv` / `xlsx` / `pdf` the same figures as a file."""
    year = year_of(request)
    data = stagepact.report(institution_of(request).pk, year)
    if request.GET.get("formaat") == "pdf":
        response = HttpResponse(stagepact_pdf(data), content_type="application/pdf")
        name = f"stagepact-{year}-{year + 1}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if request.GET.get("formaat") in ("csv", "xlsx"):
        return download(request, stagepact.report_table(data))
    return render(request, "cockpit/stagepact.html", {**data, "years": year_choices(year)})
