"""Spreadsheet imports (students, companies): upload, template, preview, apply."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import coordinators_only, post_only, user_of

from .exports import Column, Table, download
from .forms import ImportUploadForm
from .importing import IMPORTERS, Importer, import_receive, import_start
from .models import ImportBatch


def _importer_or_404(kind: str) -> Importer:
    if kind not in IMPORTERS:
        raise Http404
    return IMPORTERS[kind]


def _batch_for(request: HttpRequest, pk: int) -> ImportBatch:
    return get_object_or_404(ImportBatch, pk=pk, institution=user_of(request).institution_id)


@coordinators_only
def upload(request: HttpRequest, kind: str) -> HttpResponse:
    importer = _importer_or_404(kind)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = import_receive(
                kind=kind, fh=upload, filename=upload.name, user=user_of(request)
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect("spreadsheets:preview", pk=batch.pk)
    context = {"importer": importer, "form": form}
    return render(request, "spreadsheets/import_upload.html", context)


@coordinators_only
def template(request: HttpRequest, kind: str) -> HttpResponseBase:
    importer = _importer_or_404(kind)
    # The header holds the column names the import expects, not translated.
    table = Table(
        f"sjabloon-{kind}", [Column(c.name) for c in importer.columns], [list(importer.example)]
    )
    return download(request, table)


@coordinators_only
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_for(request, pk)
    importer = _importer_or_404(batch.kind)
    context = {
        "batch": batch,
        "importer": importer,
        "columns": [c.name for c in importer.columns],
        "page": Paginator(batch.rows, 100).get_page(request.GET.get("page")),
        "bad_rows": {e["row"] for e in batch.errors},
    }
    return render(request, "spreadsheets/import_preview.html", context)


@coordinators_only
def status(request: HttpRequest, pk: int) -> JsonResponse:
    """The batch's progress while a task checks or writes it (polled by the preview page)."""
    batch = _batch_for(request, pk)
    return JsonResponse(
        {"status": batch.status, "progress": batch.progress, "finished": not batch.busy}
    )


@coordinators_only
@post_only
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_for(request, pk)
    try:
        import_start(batch=batch, user=user_of(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("spreadsheets:preview", pk=batch.pk)
