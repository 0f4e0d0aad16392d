"""The engine's building blocks that a run's output rests on, checked against plain versions:

- the components (edges, each node's number within its component) equal a breadth-first
  search's, with the edges in their given order;
- the lottery gives the values it always gave (pinned; a change would change tie-breaks
  and so stored runs);
- the quality figures' quartiles are `np.percentile`'s, to the last bit.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.engine.components import components
from matching.engine.lottery import lottery
from matching.engine.quality import distribution


def _plain_components(
    s: np.ndarray, o: np.ndarray, n_s: int
) -> list[tuple[list[int], list[int], list[int], list[int]]]:
    """Per component (by smallest student): its edges, their students' and offers' numbers
    within it (by id order) and its offers, from a breadth-first search."""
    adj: dict[int, list[int]] = defaultdict(list)
    for a, b in zip(s.tolist(), o.tolist(), strict=True):
        adj[a].append(n_s + b)
        adj[n_s + b].append(a)
    label: dict[int, int] = {}
    for start in sorted(adj):
        if start in label:
            continue
        label[start] = start
        todo = [start]
        while todo:
            for y in adj[todo.pop()]:
                if y not in label:
                    label[y] = start
                    todo.append(y)
    out = []
    for root in sorted({label[a] for a in s.tolist()}):
        edges = [k for k, a in enumerate(s.tolist()) if label[a] == root]
        students = sorted({int(s[k]) for k in edges})
        offers = sorted({int(o[k]) for k in edges})
        out.append(
            (
                edges,
                [students.index(int(s[k])) for k in edges],
                [offers.index(int(o[k])) for k in edges],
                offers,
            )
        )
    return out


@settings(max_examples=300, deadline=None)
@given(
    n_s=st.integers(1, 30),
    n_o=st.integers(1, 20),
    codes=st.lists(st.integers(0, 10**6), max_size=80),
)
def test_components_equal_a_breadth_first_search(n_s: int, n_o: int, codes: list[int]) -> None:
    pairs = np.unique(np.array([c % (n_s * n_o) for c in codes], dtype=np.int64))
    s, o = pairs // n_o, pairs % n_o  # sorted by student, as the engine gives them
    got = components(s, o, n_s, n_o)
    want = _plain_components(s, o, n_s)
    assert len(got) == len(want)
    for part, (edges, s_local, o_local, offers) in zip(got, want, strict=True):
        assert part.edges.tolist() == edges
        assert part.s_local.tolist() == s_local
        assert part.o_local.tolist() == o_local
        assert part.offers.tolist() == offers
        assert part.n_students == max(s_local) + 1


def test_components_beyond_sixteen_bits() -> None:
    n = 70_000  # more components than a 16-bit radix sort can number
    s = o = np.arange(n, dtype=np.int64)
    parts = components(s, o, n, n)
    assert len(parts) == n
    assert [p.offers.tolist() for p in parts[:3]] == [[0], [1], [2]]
    assert parts[-1].edges.tolist() == [n - 1] and parts[-1].n_students == 1


def test_lottery_values_are_pinned() -> None:
    s, o = np.array([0, 0, 1, 2]), np.array([0, 1, 1, 0])
    assert lottery(7, ["a", "b", "stud-é"], ["x", "y"], s, o, 1024).tolist() == [9, 515, 917, 656]
    two = np.array([0, 1])
    assert lottery(2026, ["s1", "s2"], ["shortlist"], two, two * 0, 1 << 30).tolist() == [
        39421097,
        745120459,
    ]
    assert lottery(3, ["s1", "s2"], ["o1"], two, two * 0, 1000).tolist() == [49, 608]


def test_quartiles_are_numpys_percentiles() -> None:
    rng = np.random.default_rng(5)
    for n in [1, 2, 3, 4, 5, 7, 10, 101, 1000]:
        for values in (
            rng.integers(0, 10_001, n) / 100,
            rng.random(n) * 60,
            np.round(rng.normal(30, 20, n), 1),
        ):
            p = np.percentile(values, [0, 25, 50, 75, 100])
            assert distribution(values) == {
                "mean": round(float(values.mean()), 2),
                "min": round(float(p[0]), 2),
                "p25": round(float(p[1]), 2),
                "median": round(float(p[2]), 2),
                "p75": round(float(p[3]), 2),
                "max": round(float(p[4]), 2),
            }
