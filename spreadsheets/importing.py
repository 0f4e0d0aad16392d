"""Spreadsheet imports: upload, preview with precise errors, then all-or-nothing commit.

Each domain registers an `Importer` (students, companies). `import_preview` reads and
validates the whole file and stores it as an `ImportBatch`; `import_apply` validates again
and writes every row in one transaction, or nothing. Rows that already exist unchanged are
counted, not written again, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from accounts.models import Institution, User

from .models import ImportBatch, ImportStatus
from .reading import RowError, SpreadsheetError, missing_columns, read_rows

Rows = list[dict[str, str]]


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str | Promise


@dataclass(frozen=True)
class Importer:
    kind: str
    title: str | Promise
    columns: tuple[Column, ...]
    example: tuple[str, ...]
    # Check every row; return the errors and a summary ({"new": n, "unchanged": m, ...}).
    validate: Callable[[Rows, Institution], tuple[list[RowError], dict[str, int]]]
    # Write the (valid) rows; return the summary of what was written.
    apply: Callable[[Rows, Institution, User], dict[str, int]]
    done_url: str


IMPORTERS: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    IMPORTERS[importer.kind] = importer
    return importer


def get_importer(kind: str) -> Importer:
    try:
        return IMPORTERS[kind]
    except KeyError:
        raise ValidationError(_("Onbekend soort import.")) from None


def _validate(
    importer: Importer, rows: Rows, institution: Institution
) -> tuple[list[RowError], dict[str, int]]:
    required = [c.name for c in importer.columns if c.required]
    errors = missing_columns(rows, required)
    if errors:
        return errors, {}
    if not rows:
        return [RowError(1, "", _("Het bestand bevat geen regels onder de kolomnamen."))], {}
    return importer.validate(rows, institution)


@transaction.atomic
def import_preview(*, kind: str, fh: IO[bytes], filename: str, user: User) -> ImportBatch:
    """Read and check the file; nothing but the batch itself is written."""
    importer = get_importer(kind)
    try:
        rows = read_rows(fh, filename)
    except SpreadsheetError as exc:
        raise ValidationError(str(exc)) from exc
    institution = user.institution
    if institution is None:
        raise ValidationError(_("Je account hoort niet bij een instelling."))
    errors, summary = _validate(importer, rows, institution)
    return ImportBatch.objects.create(
        institution=institution,
        kind=kind,
        filename=filename[:255],
        rows=rows,
        errors=[e.as_dict() for e in sorted(errors, key=lambda e: (e.row, e.column))],
        summary=summary,
        created_by=user,
    )


@transaction.atomic(durable=True)
def import_apply(*, batch: ImportBatch, user: User) -> ImportBatch:
    """Write every row, or nothing. Refuses a batch with errors or one already applied."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == ImportStatus.APPLIED:
        raise ValidationError(_("Dit bestand is al ingelezen."))
    importer = get_importer(batch.kind)
    errors, _summary = _validate(importer, batch.rows, batch.institution)
    if errors:
        raise ValidationError(
            _(
                "Het bestand bevat %(n)s fout(en); er is niets opgeslagen. Verbeter het bestand "
                "en upload het opnieuw."
            )
            % {"n": len(errors)}
        )
    batch.summary = importer.apply(batch.rows, batch.institution, user)
    batch.status = ImportStatus.APPLIED
    batch.applied_at = timezone.now()
    batch.save(update_fields=["summary", "status", "applied_at"])
    return batch


def cell(row: dict[str, str], column: str) -> str:
    return row.get(column, "").strip()


def row_number(row: dict[str, str]) -> int:
    return int(row["_row"])


def summary_counts(new: int, unchanged: int, **extra: Any) -> dict[str, int]:
    return {"new": new, "unchanged": unchanged, **extra}
