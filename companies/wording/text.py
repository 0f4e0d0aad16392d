"""Words, tokens, sentences and clauses: how the wording check reads a text."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import snowballstemmer

from . import lexicon as lx

_STEMMER = snowballstemmer.stemmer("dutch")
_STEM_LOCK = threading.Lock()  # a Snowball stemmer object keeps state between calls


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    with _STEM_LOCK:
        return str(_STEMMER.stemWord(word))


_DEVOICE = {"z": "s", "v": "f"}


@lru_cache(maxsize=65536)
def word_keys(word: str) -> frozenset[str]:
    """The stems under which a word can match: itself, and its base without the inflection
    the stemmer leaves alone (diminutive "-je", attributive "-e" with "zorgzame" -> "zorgzaam",
    "religieuze" -> "religieus", "creatieve" -> "creatief")."""
    keys = {stem(word)}
    for suffix in ("tjes", "tje", "jes", "je"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            keys.add(stem(word[: -len(suffix)]))
            break
    if word.endswith("e") and len(word) > 3:
        base = word[:-1]
        keys.add(stem(base))
        devoiced = base[:-1] + _DEVOICE.get(base[-1], base[-1])
        keys.add(stem(devoiced))
        if len(devoiced) >= 3 and devoiced[-2] in "aeou" and devoiced[-1] not in "aeiouy":
            keys.add(stem(devoiced[:-1] + devoiced[-2] + devoiced[-1]))
    return frozenset(keys)


def _same_word(token: str, form: str, *, use_stem: bool) -> bool:
    if token == form:
        return True
    # The first two letters must agree: the stemmer drops a leading "ge-", and "bed" is no
    # "gebed", nor "zon" "gezond".
    return use_stem and token[:2] == form[:2] and stem(form) in word_keys(token)


# --- tokens, sentences and clauses ---------------------------------------------------------

_TOKEN = re.compile(
    r"[a-z](?:\.[a-z])+\.?"  # abbreviations: i.v.m., o.a.
    r"|\d+(?:[-–]\d+)?"  # numbers and ranges: 18, 17-19
    r"|[^\W\d_]+(?:['’][^\W\d_]+|-[^\W\d_]+)*-?"  # words: foto's, ict-afdeling, veiligheids-
    r"|[,;:?!.]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Token:
    norm: str
    start: int
    end: int
    kind: str  # "w" word, "n" number, "p" punctuation
    title: bool = False  # written with a capital and then small letters: "Jong", "Nederlands"

    @property
    def is_word(self) -> bool:
        return self.kind != "p"


def _tokens(text: str) -> list[Token]:
    tokens = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0).lower().replace("’", "'")
        if raw in ",;:?!.":
            kind = "p"
        elif raw[0].isdigit():
            kind = "n"
        else:
            kind = "w"
            raw = raw.rstrip("-")
            if raw.endswith("'s"):  # foto's, collega's
                raw = raw[:-2]
        word = m.group(0)
        title = kind == "w" and len(word) > 1 and word[0].isupper() and word[1:].islower()
        tokens.append(Token(raw, m.start(), m.end(), kind, title))
    return tokens


def _category(norm: str) -> str | None:
    """Who or what a noun is about, also as the last part of a compound ("scrumteam")."""
    for candidate in (norm, *(norm[i:].lstrip("-") for i in range(3, max(3, len(norm) - 2)))):
        for name, words in _CATEGORIES:
            if candidate in words:
                return name
    return None


_CATEGORIES = (
    ("student", lx.STUDENT_NOUNS),
    ("team", lx.TEAM_NOUNS),
    ("person", lx.PERSON_NOUNS),
    ("client", lx.CLIENT_NOUNS),
    ("thing", lx.THING_NOUNS),
)


@dataclass
class Clause:
    tokens: list[Token]
    question: bool
    cues: set[int] = field(default_factory=set)  # token indexes that ask something
    preferences: set[int] = field(default_factory=set)  # cues that say who is wanted

    def __post_init__(self) -> None:
        words = [i for i, t in enumerate(self.tokens) if t.is_word]
        for pos, i in enumerate(words):
            word = self.tokens[i].norm
            nxt = self.tokens[words[pos + 1]].norm if pos + 1 < len(words) else ""
            if word in lx.CUE_WORDS or (word == "bij" and nxt == "voorkeur"):
                self.cues.add(i)
            if word in lx.MUST and any(t.norm in lx.STATE_VERBS for t in self.tokens):
                self.cues.add(i)
            if word in lx.PREFERENCE_CUES:
                self.preferences.add(i)
            # "je bent ...", and "zodat je ... bent" with the verb at the end.
            later = {self.tokens[k].norm for k in words[pos + 1 :]}
            if word in ("je", "jij", "u") and later & lx.SUBJECT_VERBS:
                self.cues.add(i)
                if later & {"ben", "bent"}:
                    self.preferences.add(i)
            # "ben jij ...?" asks for a trait too; offers of help are caught by `support`.
            if word in lx.SUBJECT_VERBS and nxt in ("je", "jij", "u"):
                self.cues.add(i)
                if word in ("ben", "bent"):
                    self.preferences.add(i)
            if pos == 0 and word in lx.IMPERATIVES:
                self.cues.add(i)
            if word in lx.FOR_WHOM and nxt == "voor":
                self.cues.add(words[pos + 1])
                self.preferences.add(words[pos + 1])

    @cached_property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.is_word]

    @cached_property
    def norms(self) -> list[str]:
        return [t.norm for t in self.words]

    @cached_property
    def fragment(self) -> bool:
        """A short bullet without a subject ("Geen allochtonen.") reads as a requirement."""
        return len(self.words) <= 6 and not any(
            n in lx.SUBJECT_WORDS or n in lx.FINITE_VERBS for n in self.norms
        )

    @cached_property
    def support(self) -> bool:
        """An offer of help ("Heb je extra ondersteuning nodig?"), not a requirement."""
        return "welkom" in self.norms or (
            self.question and any(n in lx.SUPPORT for n in self.norms)
        )

    @cached_property
    def requirement(self) -> bool:
        return not self.support and (bool(self.cues) or self.fragment)

    @cached_property
    def learning(self) -> bool:
        return any(n in lx.LEARNING for n in self.norms)

    def has(self, phrase: str) -> bool:
        parts = phrase.split()
        if len(parts) > 1:
            n = len(parts)
            return any(self.norms[i : i + n] == parts for i in range(len(self.norms) - n + 1))
        return any(_same_word(n, phrase, use_stem=True) for n in self.norms)


def _clauses(text: str) -> Iterator[Clause]:
    tokens = _tokens(text)
    sentence: list[Token] = []

    def flush(question: bool) -> Iterator[Clause]:
        part: list[Token] = []
        for tok in sentence:
            if tok.norm == ";" or (tok.norm in lx.CONJUNCTIONS and part):
                if part:
                    yield Clause(part, question)
                part = [] if tok.norm == ";" else [tok]
            else:
                part.append(tok)
        if part:
            yield Clause(part, question)

    for i, tok in enumerate(tokens):
        if sentence and "\n" in text[sentence[-1].end : tok.start]:
            yield from flush(False)
            sentence = []
        if tok.norm in ".!?":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            # "Max. 22 jaar", "bedrijf.nl": a full stop before a digit or a small letter
            # does not end the sentence.
            if tok.norm == "." and nxt and (nxt.kind == "n" or text[nxt.start].islower()):
                continue
            yield from flush(tok.norm == "?")
            sentence = []
        else:
            sentence.append(tok)
    yield from flush(False)
