"""Recall and false alarms of the wording check on its test set.

    python -m companies.wording.evaluate

prints recall per ground and overall, the false alarms on normal offer texts and every miss,
so the figures in a change description can be reproduced. The test set and its labelling
rules are in `companies/tests/wording_cases.py`; `test_wording_figures` fails when recall
drops below 95 % or more than 1 normal text in 60 is flagged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from companies.tests.wording_cases import DISCRIMINATORY, NORMAL, Phrase

from .check import Flag, check_texts
from .lexicon import LEVEL_RANK, VERSION

FIELD = "presentation"


@dataclass
class Figures:
    phrases: int = 0
    caught: int = 0
    normal: int = 0
    expected: Counter[str] = field(default_factory=Counter)  # per ground
    found: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[Phrase, list[Flag]]] = field(default_factory=list)
    false_alarms: list[tuple[str, list[Flag]]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.phrases

    def ground_recall(self, ground: str) -> float:
        return self.found[ground] / self.expected[ground]


def _caught(flags: list[Flag], ground: str, level: str) -> bool:
    return any(f.ground == ground and LEVEL_RANK[f.level] >= LEVEL_RANK[level] for f in flags)


def evaluate(check: Callable[[dict[str, str]], list[Flag]] = check_texts) -> Figures:
    """A phrase counts as caught when every ground it is labelled with is flagged at its
    level or stricter; a normal text with any flag is a false alarm."""
    figures = Figures(phrases=len(DISCRIMINATORY), normal=len(NORMAL))
    for phrase in DISCRIMINATORY:
        flags = check({FIELD: phrase.text})
        all_found = True
        for ground, level in phrase.expect.items():
            figures.expected[ground] += 1
            if _caught(flags, ground, level):
                figures.found[ground] += 1
            else:
                all_found = False
        if all_found:
            figures.caught += 1
        else:
            figures.misses.append((phrase, flags))
    for normal in NORMAL:
        flags = check({FIELD: normal.text})
        if flags:
            figures.false_alarms.append((normal.text, flags))
    return figures


def _describe(flags: list[Flag]) -> str:
    return "; ".join(f"{f.ground}/{f.level}: {f.words}" for f in flags) or "niets gevonden"


def main() -> None:
    figures = evaluate()
    print(f"Lexicon version {VERSION}")
    print(f"{'ground':<12} {'found':>5} / {'of':<3} recall")
    for ground in sorted(figures.expected):
        print(
            f"{ground:<12} {figures.found[ground]:>5} / {figures.expected[ground]:<3} "
            f"{figures.ground_recall(ground):.0%}"
        )
    print(
        f"Phrases caught: {figures.caught} / {figures.phrases} "
        f"({figures.recall:.1%}), every labelled ground at its level or stricter"
    )
    print(f"False alarms: {len(figures.false_alarms)} / {figures.normal} normal texts")
    for text, flags in figures.false_alarms:
        print(f"  FALSE ALARM  {text}\n               {_describe(flags)}")
    for phrase, flags in figures.misses:
        print(
            f"  MISS         {phrase.text}\n               expected {phrase.expect}; found "
            f"{_describe(flags)}"
        )


if __name__ == "__main__":
    main()
