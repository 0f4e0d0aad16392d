"""Templates stay readable: short lines, and form fields rendered by crispy-forms."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "templates"
MAX_WIDTH = 160
FIELD = re.compile(r"<(input|select|textarea)\b")


def _templates() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*") if p.suffix in (".html", ".txt"))


def test_no_template_line_is_longer_than_160_characters() -> None:
    long = [
        f"{path.relative_to(ROOT)}:{n}: {len(line)}"
        for path in _templates()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > MAX_WIDTH
    ]
    assert _templates() and long == []


def test_form_fields_are_written_by_hand_only_in_small_includes() -> None:
    """Pages render fields with crispy-forms; a hand-written field (a hidden value, the
    language switch) lives in an include (`_name.html`) used from every place that needs it."""
    pages = [
        str(path.relative_to(ROOT))
        for path in _templates()
        if not path.name.startswith("_") and FIELD.search(path.read_text(encoding="utf-8"))
    ]
    assert pages == []
