"""Fair by construction (engine 2): giving information never lowers a score, wording never
decides under the default weights, the working-days and access rules, and the priority level
is exact (checked against brute force). Plain Python, no database."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.engine import (
    Location,
    OfferProfile,
    RoundSettings,
    StudentProfile,
    Weights,
    offer_to_dict,
    run_round,
    student_to_dict,
)
from matching.engine.allocate import allocate
from matching.engine.flow import SCORE_UNITS, allocate_edges
from matching.engine.scoring import score_pairs

WPS = [f"B1-K1-W{i}" for i in range(1, 6)]
ELECTIVES = ["K0080", "K0125", "K0604", "K1003"]
TYPES = ["zorg", "ict", "onderwijs"]
WORDS = ["testen", "zorg", "kinderen", "software", "planning", "klanten", "team"]
PLACES = ["p1", "p2", "p3"]


def _loc(i: int) -> Location:
    return Location(51.80 + 0.02 * i, 5.80 + 0.03 * i)


students_st = st.builds(
    lambda i, wps, els, types, words, places, loc: StudentProfile(
        id=f"s{i}",
        crebo="25604",
        level=4,
        location=_loc(loc),
        max_travel_minutes=45,
        work_processes=tuple(wps),
        electives=frozenset(els),
        organisation_types=frozenset(types),
        learning_wishes=(" ".join(words),) if words else (),
        extra_places=frozenset(places),
    ),
    st.integers(0, 3),
    st.lists(st.sampled_from(WPS), unique=True, max_size=4),
    st.sets(st.sampled_from(ELECTIVES), max_size=2),
    st.sets(st.sampled_from(TYPES), max_size=2),
    st.lists(st.sampled_from(WORDS), max_size=4),
    st.sets(st.sampled_from(PLACES), max_size=1),
    st.integers(0, 6),
)
offers_st = st.lists(
    st.builds(
        lambda wps, els, typ, words, place, loc: (wps, els, typ, words, place, loc),
        st.sets(st.sampled_from(WPS), min_size=1, max_size=4),
        st.sets(st.sampled_from(ELECTIVES), max_size=3),
        st.sampled_from(TYPES),
        st.lists(st.sampled_from(WORDS), max_size=5),
        st.sampled_from(PLACES),
        st.integers(0, 10),
    ),
    min_size=1,
    max_size=6,
).map(
    lambda rows: [
        OfferProfile(
            id=f"o{j}",
            company_id=f"c{j}",
            crebo="25604",
            level=4,
            capacity=1,
            location=_loc(loc),
            place=place,
            work_processes=frozenset(wps),
            electives=frozenset(els),
            organisation_type=typ,
            learning_text=" ".join(words),
        )
        for j, (wps, els, typ, words, place, loc) in enumerate(rows)
    ]
)
# What a student may add: one more elective, type, extra place or learning wish.
additions = st.one_of(
    st.sampled_from(ELECTIVES).map(lambda e: ("electives", e)),
    st.sampled_from(TYPES).map(lambda t: ("organisation_types", t)),
    st.sampled_from(PLACES).map(lambda p: ("extra_places", p)),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(
        lambda w: ("learning_wishes", " ".join(w))
    ),
)


def _add(s: StudentProfile, what: tuple[str, str]) -> StudentProfile:
    field, value = what
    current = getattr(s, field)
    new: Any = (*current, value) if isinstance(current, tuple) else current | {value}
    changes: dict[str, Any] = {field: new}
    return replace(s, **changes)


def _scores(s: StudentProfile, offers: list[OfferProfile]) -> dict[str, float]:
    table = score_pairs([s], offers, RoundSettings())
    return {table.offers[int(o)].id: float(table.score[k]) for k, o in enumerate(table.offer_idx)}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(students_st, offers_st, st.lists(additions, min_size=1, max_size=3))
def test_giving_information_never_lowers_a_score(
    s: StudentProfile, offers: list[OfferProfile], adds: list[tuple[str, str]]
) -> None:
    before = _scores(s, offers)
    more = s
    for what in adds:
        more = _add(more, what)
    after = _scores(more, offers)
    for offer_id, score in before.items():
        assert offer_id in after, "adding information made an offer ineligible"
        assert after[offer_id] >= score - 1e-9, (offer_id, score, after[offer_id])


def test_an_elective_the_offer_does_not_support_costs_nothing() -> None:
    o = OfferProfile(
        id="o",
        company_id="c",
        crebo="25604",
        level=4,
        capacity=1,
        location=_loc(0),
        work_processes=frozenset(WPS[:2]),
    )
    plain = StudentProfile(
        id="a", crebo="25604", level=4, location=_loc(1), work_processes=(WPS[0],)
    )
    listed = replace(plain, id="b", electives=frozenset({"K0080"}))
    typed = replace(plain, id="c", organisation_types=frozenset({"ict"}))
    table = score_pairs([plain, listed, typed], [o], RoundSettings())
    scores = {p.student: p.score for p in table.explained()}
    assert scores["a"] == scores["b"] == scores["c"]
    supported = replace(o, electives=frozenset({"K0080"}))
    assert _scores(listed, [supported])["o"] > scores["b"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(students_st, offers_st, st.lists(st.sampled_from(WORDS), max_size=6))
def test_wording_never_changes_a_score_under_the_defaults(
    s: StudentProfile, offers: list[OfferProfile], words: list[str]
) -> None:
    reworded = replace(s, learning_wishes=(" ".join(words),) if words else ())
    assert _scores(s, offers) == _scores(reworded, offers)


def test_same_wish_in_other_words_same_score_and_same_place() -> None:
    offers = [
        OfferProfile(
            id=f"o{j}",
            company_id=f"c{j}",
            crebo="25604",
            level=4,
            capacity=1,
            location=_loc(j),
            work_processes=frozenset(WPS[:3]),
            learning_text="Je leert software testen in ons scrumteam",
        )
        for j in range(2)
    ]
    base = StudentProfile(
        id="a", crebo="25604", level=4, location=_loc(1), work_processes=(WPS[0], WPS[1])
    )
    echo = replace(base, learning_wishes=("Ik wil software testen leren in een scrumteam",))
    own = replace(base, learning_wishes=("Programma's controleren op fouten, samen met collega's",))
    empty = replace(base, learning_wishes=())
    assert _scores(echo, offers) == _scores(own, offers) == _scores(empty, offers)
    # Two such students competing for one place: the lottery decides, not the wording.
    one = offers[:1]
    wins = {"a": 0, "b": 0}
    for seed in range(40):
        snap = {
            "students": [student_to_dict(echo), student_to_dict(replace(own, id="b"))],
            "offers": [offer_to_dict(o) for o in one],
        }
        winner = run_round(snap, seed)["assignments"][0]["student"]
        wins[winner] += 1
    assert wins["a"] > 5 and wins["b"] > 5, wins
    # Switched on by a round, text similarity does count (and the pages warn about it).
    text_on = RoundSettings(weights=Weights(learning_text=0.2))
    t = score_pairs([echo, replace(own, id="b")], one, text_on)
    assert t.score[0] != t.score[1]


def test_working_days_and_step_free_access_are_hard_rules() -> None:
    o = OfferProfile(
        id="o",
        company_id="c",
        crebo="25604",
        level=4,
        capacity=1,
        location=_loc(0),
        work_processes=frozenset(WPS[:2]),
        hours_per_week=32,
        working_days=frozenset(range(5)),
    )
    s = StudentProfile(id="a", crebo="25604", level=4, location=_loc(1))

    def ok(st_: StudentProfile, of: OfferProfile) -> bool:
        return len(score_pairs([st_], [of], RoundSettings())) == 1

    assert ok(s, o)
    assert ok(replace(s, unavailable_days=frozenset({4})), o)  # 32 h: 4 of 5 days
    assert not ok(replace(s, unavailable_days=frozenset({3, 4})), o)
    assert not ok(replace(s, unavailable_days=frozenset({4})), replace(o, hours_per_week=40))
    assert ok(replace(s, unavailable_days=frozenset({5, 6})), replace(o, hours_per_week=40))
    no_days = replace(o, working_days=frozenset())
    assert ok(replace(s, unavailable_days=frozenset({0, 1, 2})), no_days)
    assert not ok(replace(s, needs_step_free_access=True), o)
    assert ok(replace(s, needs_step_free_access=True), replace(o, step_free_access=True))
    busy = replace(s, unavailable_days=frozenset({2, 3, 4}))
    out = allocate([busy], [o], RoundSettings(), seed=1)[0]
    assert out.unplaced_reasons["a"]["params"]["rule"] == "days"


def _brute_force(
    students: list[str],
    caps: dict[str, int],
    edges: list[tuple[str, str, float, None]],
    priority: frozenset[str],
) -> tuple[int, int, int]:
    """The best (priority placed, placed, total score units) over every assignment."""
    options: dict[str, list[tuple[str, int]]] = {s: [] for s in students}
    for s, o, score, _ in edges:
        options[s].append((o, round(score * SCORE_UNITS)))
    best = (-1, -1, -1)
    for choice in itertools.product(*[[None, *options[s]] for s in students]):
        used: dict[str, int] = {}
        for pick in choice:
            if pick:
                used[pick[0]] = used.get(pick[0], 0) + 1
        if any(n > caps[o] for o, n in used.items()):
            continue
        placed = [s for s, pick in zip(students, choice, strict=True) if pick]
        value = (
            sum(1 for s in placed if s in priority),
            len(placed),
            sum(pick[1] for pick in choice if pick),
        )
        best = max(best, value)
    return best


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_priority_level_is_exact_against_brute_force(data: Any) -> None:
    n_s = data.draw(st.integers(1, 6))
    n_o = data.draw(st.integers(1, 3))
    students = [f"s{i}" for i in range(n_s)]
    caps = {f"o{j}": data.draw(st.integers(0, 2)) for j in range(n_o)}
    edges: list[tuple[str, str, float, None]] = []
    for s in students:
        for o in caps:
            if data.draw(st.booleans()):
                edges.append((s, o, float(data.draw(st.integers(0, 100))), None))
    priority = frozenset(data.draw(st.sets(st.sampled_from(students))))
    alloc = allocate_edges(students=students, offers=caps, edges=edges, seed=7, priority=priority)
    got = (
        sum(1 for s, _ in alloc.assignments if s in priority),
        alloc.placed,
        alloc.total_score_units,
    )
    assert got == _brute_force(students, caps, edges, priority)


def test_priority_is_a_round_setting() -> None:
    o = OfferProfile(
        id="o",
        company_id="c",
        crebo="25604",
        level=4,
        capacity=1,
        location=_loc(0),
        work_processes=frozenset(WPS[:1]),
        extra_supervision_possible=True,
    )
    strong = StudentProfile(
        id="a", crebo="25604", level=4, location=_loc(0), work_processes=(WPS[0],)
    )
    weak = replace(strong, id="b", work_processes=(WPS[1],), priority=True)
    off = allocate([strong, weak], [o], RoundSettings(), seed=3)[0]
    on = allocate([strong, weak], [o], RoundSettings(priority=True), seed=3)[0]
    assert off.assignments == [("a", "o")] and on.assignments == [("b", "o")]
