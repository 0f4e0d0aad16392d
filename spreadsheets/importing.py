"""Spreadsheet imports: upload, preview with precise errors, then all-or-nothing commit.

Each domain registers an `Importer` (students, companies). `import_receive` refuses a
bad file at once and keeps a good one as an `ImportBatch`; a task (`import_check`) reads it
streaming and checks every row; `import_start` queues the writing, which `import_apply` does
in one transaction, or nothing. The page follows both tasks with a progress bar. Rows that
already exist unchanged are counted, not written again, so importing the same file twice
changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from accounts.models import Institution, User
from accounts.tenancy import claimable

from .filecheck import MAX_BYTES, FileRefused, check_upload, kind_of
from .models import ImportBatch, ImportStatus
from .reading import RowError, missing_columns, read_rows

Rows = list[dict[str, str]]


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str | Promise
    max_length: int = 200  # longer cells are reported (the field it fills holds no more)


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
    too_long = [
        RowError(
            row_number(row),
            c.name,
            _("Maximaal %(n)s tekens; deze cel heeft er %(m)s.")
            % {"n": c.max_length, "m": len(row[c.name])},
        )
        for row in rows
        for c in importer.columns
        if len(row.get(c.name, "")) > c.max_length
    ]
    errors, summary = importer.validate(rows, institution)
    return too_long + errors, summary


def import_receive(*, kind: str, fh: IO[bytes], filename: str, user: User) -> ImportBatch:
    """Refuse a bad file at once (size, type, macros, links, bombs: `filecheck`), else keep
    it and queue the check (`import_check_task`); the page shows its progress."""
    from .tasks import import_check_task

    get_importer(kind)
    institution = user.institution
    if institution is None:
        raise ValidationError(_("Je account hoort niet bij een instelling."))
    data = fh.read(MAX_BYTES + 1)
    try:
        check_upload(data, filename)
    except FileRefused as exc:
        raise ValidationError(str(exc)) from exc
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            institution=institution,
            kind=kind,
            filename=filename[:255],
            content=data,
            status=ImportStatus.RECEIVED,
            created_by=user,
        )
        transaction.on_commit(partial(import_check_task.delay, batch.pk))
    return batch


def import_check(*, batch_id: int) -> bool:
    """Task body: read the kept file streaming and check every row; store rows, errors and
    summary (or the reason the file is refused). Writes nothing but the batch. Idempotent."""
    if (
        not claimable(ImportBatch)
        .filter(pk=batch_id, status=ImportStatus.RECEIVED)
        .update(status=ImportStatus.CHECKING, progress=1)
    ):
        return False
    batch = ImportBatch.objects.get(pk=batch_id)
    importer = get_importer(batch.kind)

    def progress(pct: int) -> None:
        claimable(ImportBatch).filter(pk=batch_id).update(progress=max(1, min(pct * 8 // 10, 80)))

    try:
        kind = kind_of(batch.filename)
        rows, errors = read_rows(bytes(batch.content), kind, progress)
        progress(100)
        more, summary = _validate(importer, rows, batch.institution)
    except FileRefused as exc:
        claimable(ImportBatch).filter(pk=batch_id).update(
            status=ImportStatus.REFUSED, message=str(exc), content=b"", progress=100
        )
        return True
    errors += more
    claimable(ImportBatch).filter(pk=batch_id).update(
        status=ImportStatus.PREVIEW,
        rows=rows,
        errors=[e.as_dict() for e in sorted(errors, key=lambda e: (e.row, e.column))],
        summary=summary,
        content=b"",
        progress=100,
    )
    return True


def import_preview(*, kind: str, fh: IO[bytes], filename: str, user: User) -> ImportBatch:
    """Receive and check in one go (commands and tests); the page does the same in a task."""
    batch = import_receive(kind=kind, fh=fh, filename=filename, user=user)
    import_check(batch_id=batch.pk)
    batch.refresh_from_db()
    if batch.status == ImportStatus.REFUSED:
        raise ValidationError(batch.message)
    return batch


@transaction.atomic
def import_start(*, batch: ImportBatch, user: User) -> None:
    """Queue the writing of a checked batch (`import_apply_task`); it starts once."""
    from .tasks import import_apply_task

    if batch.errors:
        raise ValidationError(_("Dit bestand bevat fouten; er wordt niets opgeslagen."))
    if (
        not claimable(ImportBatch)
        .filter(pk=batch.pk, status=ImportStatus.PREVIEW)
        .update(status=ImportStatus.APPLYING, progress=10, message="")
    ):
        raise ValidationError(_("Dit bestand wordt al ingelezen of is al ingelezen."))
    transaction.on_commit(partial(import_apply_task.delay, batch.pk, user.pk))


def import_apply_queued(*, batch_id: int, user_id: int) -> bool:
    """Task body: write the batch, all or nothing; a refusal is kept on the batch."""
    batch = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.APPLYING).first()
    if batch is None:
        return False
    try:
        import_apply(batch=batch, user=User.objects.get(pk=user_id))
    except ValidationError as exc:
        claimable(ImportBatch).filter(pk=batch_id).update(
            status=ImportStatus.PREVIEW, progress=100, message=" ".join(exc.messages)
        )
    return True


@transaction.atomic(durable=True)
def import_apply(*, batch: ImportBatch, user: User) -> ImportBatch:
    """Write every row, or nothing. Refuses a batch with errors or one already applied."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status not in (ImportStatus.PREVIEW, ImportStatus.APPLYING):
        raise ValidationError(_("Dit bestand is al ingelezen."))
    importer = get_importer(batch.kind)
    errors, _summary = _validate(importer, batch.rows, batch.institution)
    if errors or batch.errors:
        raise ValidationError(
            _(
                "Het bestand bevat %(n)s fout(en); er is niets opgeslagen. Verbeter het bestand "
                "en upload het opnieuw."
            )
            % {"n": len(errors) or len(batch.errors)}
        )
    batch.summary = importer.apply(batch.rows, batch.institution, user)
    batch.status = ImportStatus.APPLIED
    batch.applied_at = timezone.now()
    batch.progress = 100
    batch.message = ""
    batch.save(update_fields=["summary", "status", "applied_at", "progress", "message"])
    return batch


def cell(row: dict[str, str], column: str) -> str:
    return row.get(column, "").strip()


def row_number(row: dict[str, str]) -> int:
    return int(row["_row"])


def summary_counts(new: int, unchanged: int, **extra: Any) -> dict[str, int]:
    return {"new": new, "unchanged": unchanged, **extra}
