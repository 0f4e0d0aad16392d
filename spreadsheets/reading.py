"""Reading CSV/XLSX uploads into rows, and the shape of per-row errors.

Used by the student and company imports: every bad cell is reported with its row number (as
the spreadsheet shows it, header = row 1), its column and what to fix.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read (wrong type, no header, too large)."""


def _normalise(header: str) -> str:
    return header.strip().lower().replace(" ", "_").replace("-", "_")


def read_rows(fh: IO[bytes], filename: str) -> list[dict[str, str]]:
    """Rows as dicts keyed by normalised header, each with its spreadsheet row number in `_row`."""
    data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(
            _("Het bestand is groter dan 10 MB. Splits het in kleinere bestanden.")
        )
    name = filename.lower()
    if name.endswith(".csv"):
        table = _csv_rows(data)
    elif name.endswith(".xlsx"):
        table = _xlsx_rows(data)
    else:
        raise SpreadsheetError(_("Upload een .csv- of .xlsx-bestand."))
    if not table or not any(c.strip() for c in table[0]):
        raise SpreadsheetError(
            _("Het bestand is leeg: de eerste regel moet de kolomnamen bevatten.")
        )
    header = [_normalise(h) for h in table[0]]
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(str(c).strip() for c in cells):
            continue  # blank line
        row = {
            h: (str(cells[i]).strip() if i < len(cells) else "") for i, h in enumerate(header) if h
        }
        row["_row"] = str(number)
        rows.append(row)
    if len(rows) > MAX_ROWS:
        raise SpreadsheetError(_("Meer dan 20.000 regels: splits het bestand."))
    return rows


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")  # Excel's "CSV" on Dutch Windows
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise SpreadsheetError(_("Dit .xlsx-bestand kan niet worden gelezen.")) from exc
    ws = wb.worksheets[0]
    out = []
    for values in ws.iter_rows(values_only=True):
        out.append(["" if v is None else _cell(v) for v in values])
    wb.close()
    return out


def _cell(value: Any) -> str:
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
