"""The one rule for every count shown in public: fewer than `SMALL_COUNT` is shown as "< 10".

Every public page (the transparency page of an institution, its Algoritmeregister text) shows
counts through `public_count` (or the template filter `public_count` in `catalog_public`), so a
group of a few students, a handful of objections or of signals can never be traced back to
people. Figures derived from a small group (a rate, a mean) are not shown at all
(`public_share`).
"""

from __future__ import annotations

SMALL_COUNT = 10
SMALL_TEXT = "< 10"


def is_small(n: int | None) -> bool:
    return n is not None and n < SMALL_COUNT


def public_count(n: int | None) -> str:
    """A count as it may be published: "< 10" for 1 to 9 (and 0, which is also a small group)."""
    if n is None:
        return "–"
    return SMALL_TEXT if is_small(n) else str(n)


def public_share(value: float | None, group_size: int | None, digits: int = 0) -> str:
    """A share (0-1) of a group as a percentage, or "–" when the group is small."""
    if value is None or group_size is None or is_small(group_size):
        return "–"
    return f"{100 * value:.{digits}f}%"
