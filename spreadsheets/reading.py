"""Reading a checked CSV/XLSX upload into rows, streaming, and the shape of per-row errors.

Used by the import framework after `filecheck.check_upload`: rows are read one at a time
(openpyxl read-only mode, a lazy CSV reader), so the row and column limits stop a file while
it is read, before the rest is parsed. Every bad cell is reported with its row number (as the
spreadsheet shows it, header = row 1), its column and what to fix.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import gettext as _

from .filecheck import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, FileRefused

Progress = Callable[[int], None]


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# The older name of a whole-file refusal, kept for the importers that catch it.
SpreadsheetError = FileRefused


def _normalise(header: str) -> str:
    return header.strip().lower().replace(" ", "_").replace("-", "_")


def read_rows(
    data: bytes, kind: str, progress: Progress | None = None
) -> tuple[list[dict[str, str]], list[RowError]]:
    """Rows as dicts keyed by normalised header, each with its spreadsheet row number in
    `_row`, and the cell errors found while reading (formulas, overlong cells)."""
    table = _csv_rows(data, progress) if kind == "csv" else _xlsx_rows(data, progress)
    header_cells = next(table, None)
    if header_cells is None or not any(str(c).strip() for c in header_cells):
        raise FileRefused(_("Het bestand is leeg: de eerste regel moet de kolomnamen bevatten."))
    if len(header_cells) > MAX_COLUMNS and any(str(c).strip() for c in header_cells[MAX_COLUMNS:]):
        raise FileRefused(
            _("Het bestand heeft meer dan %(n)s kolommen. Verwijder de overbodige kolommen.")
            % {"n": MAX_COLUMNS}
        )
    header = [_normalise(str(h)) for h in header_cells[:MAX_COLUMNS]]
    rows: list[dict[str, str]] = []
    errors: list[RowError] = []
    for number, cells in enumerate(table, start=2):
        if not any(str(c).strip() for c in cells):
            continue  # blank line
        if len(rows) >= MAX_ROWS:
            raise FileRefused(_("Meer dan 20.000 regels: splits het bestand."))
        row = {}
        for i, h in enumerate(header):
            value = str(cells[i]).strip() if i < len(cells) else ""
            if h and value.startswith(FORMULA_MARK):
                errors.append(RowError(number, h, FORMULA_MESSAGE()))
                value = ""
            elif h and len(value) > MAX_CELL_CHARS:
                errors.append(RowError(number, h, TOO_LONG_MESSAGE()))
                value = value[:MAX_CELL_CHARS]
            if h:
                row[h] = value
        row["_row"] = str(number)
        rows.append(row)
    return rows, errors


# An XLSX cell that holds a formula is read as this mark, so it is reported, never evaluated.
FORMULA_MARK = "\x00formula:"


def FORMULA_MESSAGE() -> str:  # noqa: N802 (a message, translated when used)
    return _(
        "Deze cel bevat een formule. Kopieer de kolom en plak hem als waarden, dan telt "
        "wat je ziet."
    )


def TOO_LONG_MESSAGE() -> str:  # noqa: N802
    return _("Deze cel is langer dan %(n)s tekens. Kort de tekst in.") % {"n": MAX_CELL_CHARS}


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # Excel's "CSV" on Dutch Windows
    except UnicodeDecodeError:
        raise FileRefused(
            _(
                "Het bestand is geen UTF-8 of Windows-1252; sla het op als CSV UTF-8 (door "
                "lijstscheidingsteken gescheiden)."
            )
        ) from None


def _csv_rows(data: bytes, progress: Progress | None) -> Iterator[list[str]]:
    text = _decode(data)
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    stream = io.StringIO(text)
    reader = csv.reader(stream, delimiter=delimiter)
    total = max(len(text), 1)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a cell beyond the csv module's 128 KB, a stray NUL
            raise FileRefused(
                _(
                    "Regel %(n)s kan niet worden gelezen (een cel is veel te lang of er staat "
                    "een onjuist teken). Controleer die regel."
                )
                % {"n": reader.line_num}
            ) from exc
        if progress and reader.line_num % 1000 == 0:
            progress(stream.tell() * 100 // total)
        yield cells


def _xlsx_rows(data: bytes, progress: Progress | None) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        ws = wb.worksheets[0]
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise FileRefused(
            _("Dit .xlsx-bestand kan niet worden gelezen. Open het in Excel en sla het opnieuw op.")
        ) from exc
    declared = ws.max_row or MAX_ROWS
    try:
        # One row past each limit: enough to notice it is exceeded, never the rest of the file.
        for number, row in enumerate(
            ws.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS + 1), start=1
        ):
            if progress and number % 1000 == 0:
                progress(min(number * 100 // max(declared, 1), 99))
            yield [_cell(c.value, getattr(c, "data_type", "")) for c in row]
    except FileRefused:
        raise
    except Exception as exc:
        raise FileRefused(
            _("Dit .xlsx-bestand kan niet worden gelezen. Open het in Excel en sla het opnieuw op.")
        ) from exc
    finally:
        wb.close()


def _cell(value: Any, data_type: str) -> str:
    if value is None:
        return ""
    if data_type == "f":
        return FORMULA_MARK + str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    return str(value)


def missing_columns(rows: list[dict[str, str]], required: list[str]) -> list[RowError]:
    present = set(rows[0]) if rows else set()
    return [
        RowError(1, col, _("Kolom ontbreekt. Voeg een kolom met deze naam toe in de eerste regel."))
        for col in required
        if rows and col not in present
    ]
