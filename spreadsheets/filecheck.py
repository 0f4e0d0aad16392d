"""Refusing a hostile or broken upload before anything reads its rows.

`check_upload` looks only at the size, the name and the first bytes, and for an .xlsx at the
zip directory and the worksheet's declared size: it is cheap enough for the request, so a bad
file is refused at once with a Dutch message that says what to do. What passes is read
streaming by `spreadsheets.reading` (in a task), which enforces the same limits row by row.
"""

from __future__ import annotations

import io
import re
import zipfile

from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 30
MAX_CELL_CHARS = 1_000
# An .xlsx unpacks to XML: a real export of 20,000 rows stays far below these.
MAX_UNPACKED_BYTES = 150 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 40 * 1024 * 1024
MAX_RATIO = 150  # unpacked / packed size of one member; zip bombs reach thousands

XLSX_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx
HTML_START = re.compile(rb"^\s*<(!doctype|html|head|body|script|\?xml|svg|table)", re.I)
DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


class FileRefused(ValueError):
    """The file as a whole cannot be imported; the message says why and what to do."""


def kind_of(filename: str) -> str:
    """ "csv" or "xlsx" by the extension, or refused."""
    name = filename.lower().strip()
    for kind in ("csv", "xlsx"):
        if name.endswith(f".{kind}"):
            return kind
    if name.endswith((".xlsm", ".xltm", ".xls", ".xlsb")):
        raise FileRefused(
            _(
                "Dit Excel-formaat wordt niet aangenomen (macro's of een oud formaat). Sla het "
                "bestand op als Excel-werkmap (.xlsx) of als CSV UTF-8 (.csv)."
            )
        )
    raise FileRefused(_("Upload een .csv- of .xlsx-bestand."))


def check_upload(data: bytes, filename: str) -> str:
    """The file's kind ("csv"/"xlsx") when it may be read, else `FileRefused`."""
    kind = kind_of(filename)
    if not data:
        raise FileRefused(_("Het bestand is leeg (0 bytes). Kies het juiste bestand."))
    if len(data) > MAX_BYTES:
        raise FileRefused(_("Het bestand is groter dan 10 MB. Splits het in kleinere bestanden."))
    if data.startswith(OLE2_MAGIC):
        raise FileRefused(
            _(
                "Dit is een oud Excel-bestand (.xls) of een werkmap met een wachtwoord. Sla het "
                "op als Excel-werkmap (.xlsx) zonder wachtwoord."
            )
        )
    if HTML_START.match(data[:512]):
        raise FileRefused(
            _(
                "Dit bestand is een webpagina (HTML), geen spreadsheet. Exporteer de lijst "
                "opnieuw als .xlsx of als CSV UTF-8."
            )
        )
    if kind == "csv":
        _check_csv(data)
    else:
        _check_xlsx(data)
    return kind


def _check_csv(data: bytes) -> None:
    if data.startswith(XLSX_MAGIC):
        raise FileRefused(
            _("Dit is een Excel-werkmap met de extensie .csv. Hernoem het naar .xlsx.")
        )
    if b"\x00" in data[:65536]:
        raise FileRefused(
            _(
                "Dit is geen tekstbestand (of het is opgeslagen als UTF-16). Sla het op als "
                "CSV UTF-8 (door lijstscheidingsteken gescheiden)."
            )
        )


def _check_xlsx(data: bytes) -> None:
    if not data.startswith(XLSX_MAGIC):
        raise FileRefused(
            _(
                "Dit is geen echt .xlsx-bestand (alleen de naam eindigt op .xlsx). Open het in "
                "Excel en sla het op als Excel-werkmap (.xlsx)."
            )
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileRefused(
            _("Dit .xlsx-bestand is beschadigd. Open het in Excel en sla het opnieuw op.")
        ) from exc
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRefused(
            _("Dit is een zip-bestand, geen Excel-werkmap. Upload de werkmap zelf (.xlsx).")
        )
    if (
        any(n.lower().endswith("vbaproject.bin") for n in names)
        or b"macroEnabled" in (archive.read("[Content_Types].xml")[:65536])
    ):
        raise FileRefused(
            _("Deze werkmap bevat macro's. Sla hem op als Excel-werkmap (.xlsx) zonder macro's.")
        )
    if any(n.startswith("xl/externalLinks/") for n in names):
        raise FileRefused(
            _(
                "Deze werkmap haalt gegevens uit andere bestanden (externe koppelingen). Kopieer "
                "de cellen en plak ze als waarden in een nieuwe werkmap."
            )
        )
    _check_sizes(members)
    _check_dimensions(archive, members)


def _bomb() -> FileRefused:
    return FileRefused(
        _(
            "Dit .xlsx-bestand pakt uit tot een onredelijk grote werkmap (meer dan 20.000 "
            "regels of een zip-bom). Upload alleen het werkblad met de lijst, of splits het."
        )
    )


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise _bomb()
    for m in members:
        if m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise _bomb()
        if m.filename == "xl/sharedStrings.xml" and m.file_size > MAX_SHARED_STRINGS_BYTES:
            raise _bomb()


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _check_dimensions(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """The declared size of every worksheet (`<dimension ref="A1:H20001">`), read from its
    first kilobytes only."""
    for m in members:
        if not m.filename.startswith("xl/worksheets/") or not m.filename.endswith(".xml"):
            continue
        with archive.open(m) as fh:
            head = fh.read(4096)
        found = DIMENSION.search(head)
        if not found:
            continue
        last_col, last_row = found.group(3) or found.group(1), found.group(4) or found.group(2)
        if int(last_row) > MAX_ROWS + 1:
            raise _bomb()
        if _column_number(last_col) > MAX_COLUMNS:
            raise FileRefused(
                _("Het werkblad heeft meer dan %(n)s kolommen. Verwijder de overbodige kolommen.")
                % {"n": MAX_COLUMNS}
            )
