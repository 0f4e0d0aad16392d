"""The maintained Dutch word list of subjective or discriminatory requirements.

Each entry is a regular expression (matched case-insensitively on word boundaries) and the
ground it touches. Keep entries specific: "jonge kinderen" in a childcare offer is normal,
"jong team" is not. Add a line here when coordinators see a new pattern; tests check that
the normal demo offers raise no alarm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

PATTERNS: list[tuple[str, object]] = [
    (r"leeftijd", _("leeftijd")),
    (r"jong(e)? (en dynamisch|team|collega'?s?|stagiair|student|medewerker)", _("leeftijd")),
    (
        r"(maximaal|max\.?|minimaal|niet ouder dan|tussen( de)?) \d{1,2}( ?(tot|en|-) ?\d{1,2})? jaar",
        _("leeftijd"),
    ),  # fmt: skip
    (r"geboortedatum|geboortejaar", _("leeftijd")),
    (r"(verzorgd |net(jes)? )?uiterlijk|representatief|representatieve|knap(pe)?", _("uiterlijk")),
    (r"foto", _("uiterlijk")),
    (r"(mannelijke|vrouwelijke) (stagiair|student|kandidaat|collega)\w*", _("geslacht")),
    (
        r"(alleen|liefst|bij voorkeur( een)?) (mannen|vrouwen|jongens|meiden|meisjes|man|vrouw)",
        _("geslacht"),
    ),  # fmt: skip
    (
        r"afkomst|nationaliteit|autochto\w*|allochto\w*|nederlandse (achtergrond|roots)",
        _("afkomst"),
    ),
    (r"moedertaal|accentloos|zonder accent|native speaker", _("taal als moedertaal")),
    (r"geloof|religie|religieus\w*|gelovig\w*|hoofddoek", _("religie")),
    (r"klik|past (goed )?in (ons|het) team|in ons team past|teamfit", _("'klik'")),
    (r"spontaan|spontane", _("persoonlijkheid")),
    (r"selectiegesprek|sollicit\w*", _("selectie")),
]

_COMPILED = [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), ground) for p, ground in PATTERNS]


@dataclass(frozen=True)
class Flag:
    field: str
    words: str
    ground: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "words": self.words, "ground": self.ground}


def check_texts(texts: dict[str, str]) -> list[Flag]:
    """Flags for every subjective or discriminatory phrase found, per field."""
    flags = []
    for field, text in texts.items():
        for pattern, ground in _COMPILED:
            for match in pattern.finditer(text or ""):
                flags.append(Flag(field, match.group(0), str(ground)))
    return flags
