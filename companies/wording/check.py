"""The wording check: discriminatory or subjective wording in the free texts a company writes.

Plain Python (no database, no settings), so it runs the same in a request, a task and the
evaluation script. A text is cut into sentences and clauses; each word is matched through its
Snowball stem against the lexicon, and each match is kept only in the context its term asks
for (see the scopes in `lexicon.py`): a requirement on the student is flagged, a description
of the work or of the clients is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import lexicon as lx
from .lexicon import GROUNDS, LEVEL_RANK, VERSION, Term
from .terms import TERMS
from .text import (
    Clause,
    _category,
    _clauses,
    _same_word,
)

# --- matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    ground: str
    level: str
    start: int  # character offsets in the text
    end: int
    suggestion: str


def _index(terms: tuple[Term, ...]) -> dict[str, list[tuple[Term, list[str]]]]:
    index: dict[str, list[tuple[Term, list[str]]]] = {}
    for term in terms:
        for form in term.forms:
            parts = form.split()
            index.setdefault(parts[0][:2], []).append((term, parts))
    return index


_BY_PREFIX = _index(TERMS)
_COMPOUND = [(t, form) for t in TERMS if t.compound for form in t.forms if " " not in form]
_ATTRIBUTES = [(t, form) for t in TERMS if t.scope in (lx.PERSON, lx.ATTACHED) for form in t.forms]
_SKIP = frozenset({"en", "of", "heel", "zeer", "erg", "echt", "super", "nog", "ook"})


def _is_attribute(norm: str) -> bool:
    return any(_same_word(norm, form, use_stem=t.stem) for t, form in _ATTRIBUTES)


def _is_name(clause: Clause, i: int, ground: str) -> bool:
    """ "Joep de Jong", "Anne Man": a capitalised word after a first name (and maybe a
    particle such as "de") is a name, not a requirement. Words Dutch always capitalises
    (Nederlands, Engels, Islam) count as a name only after a particle ("Jan de Hollander")."""
    if not clause.tokens[i].title:
        return False
    before = [t for t in clause.tokens[:i] if t.is_word]
    if not before:
        return False  # the first word of a sentence
    if before[-1].norm in lx.NAME_PARTICLES:
        if ground not in lx.CAPITALISED_GROUNDS:
            return True
        return len(before) > 1 and before[-2].title
    return before[-1].title and ground not in lx.CAPITALISED_GROUNDS


def _term_matches(clause: Clause) -> Iterator[tuple[Term, int, int]]:
    """(term, first token index, last token index) for every form found in the clause."""
    toks = clause.tokens
    for i, tok in enumerate(toks):
        if not tok.is_word:
            continue
        for term, parts in _BY_PREFIX.get(tok.norm[:2], ()):
            if tok.norm in term.exclude or not _same_word(tok.norm, parts[0], use_stem=term.stem):
                continue
            if _is_name(clause, i, term.ground):
                continue
            j, ok = i, True
            for part in parts[1:]:
                j += 1
                while j < len(toks) and not toks[j].is_word:
                    j += 1
                if j >= len(toks) or not _same_word(toks[j].norm, part, use_stem=term.stem):
                    ok = False
                    break
            if ok:
                yield term, i, j
        for term, form in _COMPOUND:
            if tok.norm == form or tok.norm in term.exclude or _is_name(clause, i, term.ground):
                continue
            for k in range(3, len(tok.norm) - 2):
                head = tok.norm[k:].lstrip("-")
                if head[:4] == form[:4] and _same_word(head, form, use_stem=term.stem):
                    yield term, i, i
                    break


def _role_before(clause: Clause, i: int) -> str | None:
    """The nearest thing before token i that says who a word is about."""
    for j in range(i - 1, -1, -1):
        if j in clause.cues:
            return "cue"
        norm = clause.tokens[j].norm
        if norm in ("je", "jij", "jou", "jouw"):
            return "student"
        category = _category(norm) if clause.tokens[j].is_word else None
        if category in ("student", "client"):
            return category
    return None


def _attached_to(clause: Clause, j: int) -> str | None:
    """What the adjective ending at token j describes: the category of the next noun we know
    ("jong en fris team" -> team), "unknown" for a word we do not know, None when nothing
    follows ("je bent jong")."""
    seen_unknown = False
    for n, tok in enumerate(clause.tokens[j + 1 :]):
        if n > 5:
            break
        if not tok.is_word:
            if tok.norm == ",":
                continue
            break
        category = _category(tok.norm)
        if category:
            return category
        if tok.norm in lx.PREPOSITIONS or tok.norm in lx.SUBJECT_WORDS:
            break
        if tok.norm in lx.FINITE_VERBS:
            break
        if tok.norm not in _SKIP and not _is_attribute(tok.norm):
            seen_unknown = True
    return "unknown" if seen_unknown else None


def _after_preposition(clause: Clause, i: int) -> bool:
    """ "met jonge meiden", "voor zwangere vrouwen": the person is who the work is for."""
    for j in range(i - 1, max(-1, i - 4), -1):
        norm = clause.tokens[j].norm
        if norm in lx.PREPOSITIONS:
            return j not in clause.cues
        if norm not in ("een", "de", "het", "die", "deze") and not norm.endswith("e"):
            return False
    return False


def _client_after(clause: Clause, j: int) -> bool:
    """ "de allergieën van kinderen", "het gebed van bewoners": about the clients."""
    following = [t for t in clause.tokens[j + 1 : j + 5] if t.is_word]
    if not following or following[0].norm not in ("van", "bij"):
        return False
    return any(_category(t.norm) == "client" for t in following[1:])


_STUDENT_REFERENCES = frozenset({"je", "jij", "u", "wie", "iemand"})
_FIT_SKIP = frozenset(
    {
        "wel",
        "goed",
        "heel",
        "echt",
        "ook",
        "niet",
        "bij",
        "in",
        "ons",
        "onze",
        "het",
        "de",
        "een",
        "qua",
        "karakter",
        "moet",
        "moeten",
        "kan",
        "zal",
        "best",
        "beste",
        "er",
        "vast",
        "al",
        "die",
        "dat",
        "team",
        "groep",
        "sfeer",
        "cultuur",
        "precies",
        "prima",
        "perfect",
    }
)


def _student_subject(clause: Clause, i: int) -> bool:
    """Whether the student is who "past" ("je past in ons team", "iemand die bij ons past"),
    not a thing ("activiteiten die passen bij de groep")."""
    for tok in reversed(clause.tokens[:i]):
        if not tok.is_word:
            continue
        if tok.norm in _STUDENT_REFERENCES or _category(tok.norm) == "student":
            return True
        if tok.norm in _FIT_SKIP or tok.norm.startswith("team"):
            continue
        return False
    return False


def _negated(clause: Clause, i: int) -> bool:
    before = [t.norm for t in clause.tokens[max(0, i - 2) : i]]
    return any(n in lx.NEGATIONS for n in before)


def _applies(term: Term, clause: Clause, i: int, j: int) -> bool:
    if any(not any(clause.has(w) for w in group) for group in term.needs):
        return False
    if any(clause.has(w) for w in term.unless):
        return False
    if term.negatable and _negated(clause, i):
        return False
    if term.student_subject and not _student_subject(clause, i):
        return False
    if term.not_before:
        nxt = next((t for t in clause.tokens[j + 1 :] if t.is_word), None)
        if nxt is not None and (nxt.kind == "n" or nxt.norm in term.not_before):
            return False
    if term.level == lx.WARN and clause.learning:
        return False
    before = _role_before(clause, i)
    if term.scope in (lx.PERSON, lx.ATTACHED):
        attached = _attached_to(clause, j)
        if attached == "student" or (attached == "team" and term.team):
            return True
        if attached == "person":
            return clause.requirement
        if term.scope == lx.ATTACHED:
            return False
        if attached is not None:
            # Describes clients, a thing, or (for a trait) the team: "jonge kinderen",
            # "een gezonde lunch", "een enthousiast team".
            if attached != "unknown" or clause.tokens[j].norm.endswith("e"):
                return False
        return clause.requirement and before != "client"
    if clause.tokens[j].norm.endswith("e"):
        attached = _attached_to(clause, j)
        # An attributive form on a client or a thing: "zieke kinderen", "gezonde omgeving";
        # on a person only when the sentence says who is wanted ("zwangere vrouwen").
        if attached in ("client", "thing"):
            return False
        if attached == "person" and not clause.preferences:
            return False
    if _client_after(clause, j):
        return False
    if term.scope == lx.WANTED:
        return bool(clause.preferences) and before != "client" and not _after_preposition(clause, i)
    if term.scope == lx.REQ and not clause.requirement:
        return False
    return before != "client"


_AGE = re.compile(
    r"(?:\b(?:tussen (?:de )?)?(\d\d) (?:en|tot|-|t m) (\d\d) (?:jaar|jr)\b"
    r"|\btussen (?:de )?(\d\d) (?:en|tot) (\d\d)(?= ,|$)"
    r"|\b(\d\d)[-–](\d\d) (?:jaar|jr)\b"
    r"|\b(?:max|maximaal|maximum|min|minimaal|minimum|vanaf|onder de|boven de|"
    r"niet ouder dan|niet jonger dan|ouder dan|jonger dan) (\d\d)(?= jaar\b| jr\b| ,|$)"
    r"(?: jaar| jr)?)"
)


def _age_numbers(clause: Clause) -> Iterator[Hit]:
    """An age asked of the student: "maximaal 21 jaar", "tussen de 16 en 20", "17-19 jaar"."""
    parts, offsets = [], []
    position = 0
    for i, tok in enumerate(clause.tokens):
        if tok.norm in ".:":
            continue
        parts.append(tok.norm)
        offsets.append((position, i))
        position += len(tok.norm) + 1
    joined = " ".join(parts)
    for m in _AGE.finditer(joined):
        ages = [int(g) for g in m.groups() if g]
        if not any(12 <= a <= 70 for a in ages):
            continue
        first = next(i for pos, i in offsets if pos >= m.start())
        last = max(i for pos, i in offsets if pos < m.end())
        if not (clause.requirement or clause.fragment):
            continue
        if _role_before(clause, first) == "client":
            continue
        start, end = clause.tokens[first].start, clause.tokens[last].end
        yield Hit("age", lx.BLOCK, start, end, "")


def _span(term: Term, clause: Clause, i: int, j: int) -> tuple[int, int]:
    """Widen a match to the context words it needed, so the company sees what was meant:
    "past in ons team", "goede beheersing van de Nederlandse taal", "begin twintig"."""
    needed = {w for group in term.needs for w in group if " " not in w}
    if not needed:
        return i, j
    near = [
        k
        for k, tok in enumerate(clause.tokens)
        if tok.is_word
        and abs(k - (i if k < i else j)) <= 4
        and not i <= k <= j
        and any(_same_word(tok.norm, w, use_stem=True) for w in needed)
    ]
    return min([i, *near]), max([j, *near])


def _hits(text: str) -> Iterator[Hit]:
    for clause in _clauses(text):
        for term, i, j in _term_matches(clause):
            if _applies(term, clause, i, j):
                first, last = _span(term, clause, i, j)
                yield Hit(
                    term.ground,
                    term.level,
                    clause.tokens[first].start,
                    clause.tokens[last].end,
                    term.suggestion,
                )
        yield from _age_numbers(clause)


# --- the entry point ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """One ground at one level in one field, with the words found and what to write instead."""

    field: str
    words: str
    ground: str
    level: str
    suggestion: str
    version: int = VERSION

    def as_dict(self) -> dict[str, str | int]:
        return {
            "field": self.field,
            "words": self.words,
            "ground": self.ground,
            "level": self.level,
            "suggestion": self.suggestion,
            "version": self.version,
        }


_GROUND_ORDER = {g: n for n, g in enumerate(GROUNDS)}


def check_texts(texts: dict[str, str]) -> list[Flag]:
    """Flags for the discriminatory or subjective wording in each text, per field.

    One flag per field, ground and level (`block` before `warn`), with the words found in
    text order and a suggestion in plain Dutch (a msgid: translate it when showing it).
    """
    flags: list[Flag] = []
    for field_name, text in texts.items():
        best: dict[tuple[str, int, int], Hit] = {}
        for hit in _hits(text or ""):
            key = (hit.ground, hit.start, hit.end)
            if key not in best or LEVEL_RANK[hit.level] > LEVEL_RANK[best[key].level]:
                best[key] = hit
        kept: list[Hit] = []
        for hit in sorted(best.values(), key=lambda h: (h.start, -h.end)):
            # "begin twintig" already says "twintig": drop a match inside a wider one.
            if not any(
                k.ground == hit.ground
                and k.start <= hit.start
                and hit.end <= k.end
                and LEVEL_RANK[k.level] >= LEVEL_RANK[hit.level]
                for k in kept
            ):
                kept.append(hit)
        groups: dict[tuple[str, str], list[Hit]] = {}
        for hit in kept:
            groups.setdefault((hit.ground, hit.level), []).append(hit)
        for (ground, level), hits in sorted(
            groups.items(), key=lambda kv: (-LEVEL_RANK[kv[0][1]], _GROUND_ORDER[kv[0][0]])
        ):
            words = list(dict.fromkeys(text[h.start : h.end] for h in hits))
            default = GROUNDS[ground].block if level == lx.BLOCK else GROUNDS[ground].warn
            # A term's own suggestion when every match shares it, else the ground's.
            specific = {h.suggestion for h in hits}
            suggestion = specific.pop() if len(specific) == 1 and "" not in specific else default
            flags.append(Flag(field_name, ", ".join(words), ground, level, suggestion))
    return flags
