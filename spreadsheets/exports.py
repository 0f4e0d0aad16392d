"""The one writer for every CSV and XLSX file the app hands out.

A list is a `Table`: a file name, typed `Column`s (headers through gettext) and rows (any
iterable, e.g. a queryset's `.iterator()`). `download(request, table)` streams it as CSV or,
with `?formaat=xlsx`, as an Excel workbook:

    table = Table("ronde-3-matches", [Column(_("pseudoniem")), Column(_("score"), DECIMAL)], rows)
    return download(request, table)

What the writer guarantees for every list:
- Formula injection is impossible (OWASP "CSV Injection"): a text cell starting with `=`,
  `+`, `-`, `@`, tab or carriage return gets a leading `'` in CSV, and is stored as a text
  cell (never a formula) in XLSX. Numbers stay numbers.
- Dutch Excel opens the CSV as it is: UTF-8 with BOM, `;` between cells, decimal comma,
  figures rounded to the column's digits, dates as dd-mm-jjjj (times in Dutch time).
- Nothing is built in memory: CSV streams row by row; XLSX uses openpyxl's write-only mode
  into a temporary file. The request's school scope is kept while the rows are read.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from accounts.tenancy import in_current_scope

TEXT, INTEGER, DECIMAL, DATE, DATETIME = "text", "integer", "decimal", "date", "datetime"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    header: Any  # a (lazy) translated string, or a literal column name (import templates)
    kind: str = TEXT
    digits: int = 1  # DECIMAL: figures are rounded to this many decimals


@dataclass
class Table:
    filename: str  # without extension
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]


def neutralise(text: str) -> str:
    """A text that a spreadsheet would run as a formula, made plain text (OWASP)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _rounded(value: Any, digits: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def csv_value(value: Any, column: Column) -> str:
    """One cell as Dutch Excel reads it."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if column.kind == INTEGER:
        return str(int(value))
    if column.kind == DECIMAL:
        return str(_rounded(value, column.digits)).replace(".", ",")
    if column.kind == DATE:
        return f"{value:%d-%m-%Y}"
    if column.kind == DATETIME:
        return f"{_local(value):%d-%m-%Y %H:%M}"
    return neutralise(str(value))


def xlsx_value(value: Any, column: Column) -> Any:
    """One cell as a typed XLSX value (numbers as numbers, dates as dates, text as text)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if column.kind == INTEGER:
        return int(value)
    if column.kind == DECIMAL:
        return float(_rounded(value, column.digits))
    if column.kind == DATE:
        return value
    if column.kind == DATETIME:
        return _local(value).replace(tzinfo=None)
    return str(value)


class _Echo:
    """csv.writer writes each row to this and gets the line back, to stream it."""

    def write(self, line: str) -> str:
        return line


def csv_lines(table: Table) -> Iterator[bytes]:
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff".encode()
    yield writer.writerow([str(c.header) for c in table.columns]).encode()
    for row in table.rows:
        cells = [csv_value(v, c) for v, c in zip(row, table.columns, strict=True)]
        yield writer.writerow(cells).encode()


def csv_response(table: Table) -> StreamingHttpResponse:
    response = StreamingHttpResponse(in_current_scope(csv_lines(table)), CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{table.filename}.csv"'
    return response


def xlsx_response(table: Table) -> FileResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=table.filename[:31])
    sheet.append([str(c.header) for c in table.columns])
    for row in table.rows:
        cells = []
        for value, column in zip(row, table.columns, strict=True):
            cell = WriteOnlyCell(sheet, value=xlsx_value(value, column))
            if column.kind == TEXT and cell.value is not None:
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            cells.append(cell)
        sheet.append(cells)
    handle = tempfile.TemporaryFile()  # closed (and removed) by FileResponse when sent
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{table.filename}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )


def download(request: HttpRequest, table: Table) -> StreamingHttpResponse | FileResponse:
    """CSV, or XLSX when the address asks `?formaat=xlsx`."""
    if request.GET.get("formaat") == "xlsx":
        return xlsx_response(table)
    return csv_response(table)
