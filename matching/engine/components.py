"""The graph's connected components, each with its students and offers numbered from 0.

Eligibility never crosses programmes, so the allocation graph splits into independent
components that `flow` solves one by one. This finds them once for the whole graph: which
edges belong to each component (in their given order) and every node's position among the
nodes of its component (in node order), so a component's solver graph is a few array lookups.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Component:
    edges: np.ndarray  # positions of its edges, ascending
    s_local: np.ndarray  # per edge: the student's number in the component (0..n_students-1)
    o_local: np.ndarray  # per edge: the offer's number in the component
    offers: np.ndarray  # the component's offers (global indices), ascending
    n_students: int


def roots(s: np.ndarray, o: np.ndarray, n_s: int, n_o: int, runs: np.ndarray) -> np.ndarray:
    """Per node (students 0..n_s-1, then offers), the smallest node of its component.

    Union-find on arrays. It starts with every offer under the smallest student it has an
    edge with and every student under the smallest of those of its offers (edges come sorted
    by student; `runs` holds the first edge of each student's run). Then every round hooks
    the larger of two different roots joined by an edge under the smaller one (parents only
    ever decrease, so no cycles and every root is the smallest node of its tree) and
    compresses paths fully; the number of trees in a component at least halves each round.
    Plain numpy, so the command line does not pay for importing scipy.
    """
    parent = np.arange(n_s + n_o, dtype=np.int64)
    if not len(s):
        return parent
    np.minimum.at(parent[n_s:], o, s)
    parent[s[runs]] = np.minimum.reduceat(parent[n_s + o], runs)
    parent = _compressed(parent)
    u, v = s, o + n_s
    while True:
        pu, pv = parent[u], parent[v]
        cross = np.flatnonzero(pu != pv)
        if not len(cross):
            break
        u, v, pu, pv = u[cross], v[cross], pu[cross], pv[cross]
        np.minimum.at(parent, np.maximum(pu, pv), np.minimum(pu, pv))
        parent = _compressed(parent)
    return parent


def _compressed(parent: np.ndarray) -> np.ndarray:
    """Every node directly under its root."""
    while True:
        grand = parent[parent]
        if np.array_equal(grand, parent):
            return parent
        parent = grand


def _stable_order(keys: np.ndarray, n_keys: int) -> np.ndarray:
    """Positions sorted by key, ties in position order (keys in 0..n_keys-1): a radix sort
    when the keys fit 16 bits."""
    if n_keys <= 1:
        return np.arange(len(keys))
    small = keys.astype(np.uint16) if n_keys <= 1 << 16 else keys
    out: np.ndarray = np.argsort(small, kind="stable")
    return out


def _numbered(comp: np.ndarray, n_comp: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For nodes (in node order) in components `comp`: their positions grouped by component
    (in node order within one), each one's number within its component (in that grouped
    order) and each group's start."""
    order = _stable_order(comp, n_comp)
    counts = np.bincount(comp, minlength=n_comp)
    starts = np.zeros(n_comp + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    return order, np.arange(len(comp)) - np.repeat(starts[:-1], counts), starts


def components(s: np.ndarray, o: np.ndarray, n_s: int, n_o: int) -> list[Component]:
    """The components of the graph with edges (student `s[k]`, offer `o[k]`), sorted by
    student, ordered by their smallest student; nodes without an edge belong to none."""
    n_e = len(s)
    if not n_e:
        return []
    runs = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])  # a student's edges are one run
    parent = roots(s, o, n_s, n_o, runs)
    students = s[runs]
    root = parent[students]  # a student: every component with an edge has one, numbered lowest
    used = np.zeros(n_s, dtype=bool)
    used[root] = True
    dense = np.cumsum(used) - 1
    n_comp = int(dense[-1]) + 1
    by_s, s_number, s_starts = _numbered(dense[root], n_comp)
    # The edges grouped by component: the students' runs, in the students' grouped order.
    lengths = np.diff(np.r_[runs, n_e])[by_s]
    ends = np.cumsum(lengths)
    by_comp = np.repeat(runs[by_s] - (ends - lengths), lengths) + np.arange(n_e)
    e_starts = np.r_[0, ends][s_starts].tolist()
    s_local = np.repeat(s_number, lengths)  # (aligned with by_comp)
    offers = np.flatnonzero(parent[n_s:] < n_s)  # (an offer with an edge is under a student)
    by_o, o_number, o_starts = _numbered(dense[parent[n_s + offers]], n_comp)
    o_grouped = offers[by_o]
    o_num = np.zeros(n_o, dtype=np.int64)
    o_num[o_grouped] = o_number
    o_local = o_num[o[by_comp]]
    out = []
    for c in range(n_comp):
        here = slice(e_starts[c], e_starts[c + 1])
        out.append(
            Component(
                edges=by_comp[here],
                s_local=s_local[here],
                o_local=o_local[here],
                offers=o_grouped[o_starts[c] : o_starts[c + 1]],
                n_students=int(s_starts[c + 1] - s_starts[c]),
            )
        )
    return out
