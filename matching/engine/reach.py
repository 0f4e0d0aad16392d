"""The hard rules of eligibility as arrays: the offers of one (crebo, level) group, a chunk of
students, the travel-time estimate, and the candidate pairs a student could reach at all.

The estimate is one function (`minutes`) used both on broadcast (dense) and on gathered
(sparse) arrays, so a pair gets the same value whichever way it is computed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from .types import OfferProfile, RoundSettings, StudentProfile

EARTH_KM = 6371.0
# Relative margin on the latitude band: the band only pre-selects, the estimate decides.
BAND_MARGIN = 1e-6


def _ordinal(d: Any) -> float:
    return float(d.toordinal()) if d is not None else np.nan


def _days_needed(o: OfferProfile, hours_per_day: int) -> int:
    """Working days a student must be free on: the offer's hours over `hours_per_day`
    (rounded up), at most its working days; all of them when it states no hours."""
    if not o.hours_per_week:
        return len(o.working_days)
    return min(-(-o.hours_per_week // max(1, hours_per_day)), len(o.working_days))


def _bits(days: Any) -> int:
    return sum(1 << d for d in set(days) if 0 <= d < 7)


class GroupOffers:
    """The offers of one (crebo, level) group as arrays (index = position in the group)."""

    def __init__(self, og: list[OfferProfile], settings: RoundSettings) -> None:
        self.n = len(og)
        self.lat = np.radians([o.location.lat for o in og])
        self.lon = np.radians([o.location.lon for o in og])
        self.by_lat = np.argsort(self.lat, kind="stable")
        self.cos_min = max(0.0, float(np.cos(self.lat).min())) if self.n else 1.0
        self.lat_sorted = self.lat[self.by_lat]
        self.lon_sorted = self.lon[self.by_lat]
        self.cap = np.array([o.capacity > 0 for o in og], dtype=bool)
        self.extra = np.array([o.extra_supervision_possible for o in og], dtype=bool)
        self.hours = np.array(
            [np.nan if o.hours_per_week is None else o.hours_per_week for o in og]
        )
        self.start = np.array([_ordinal(o.period_start) for o in og])
        self.end = np.array([_ordinal(o.period_end) for o in og])
        self.access = np.array([o.step_free_access for o in og], dtype=bool)
        self.days = np.array([[d in o.working_days for d in range(7)] for o in og], dtype=bool)
        self.day_bits = np.array([_bits(o.working_days) for o in og], dtype=np.int64)
        self.stated: np.ndarray = np.asarray(self.days.any(axis=1))
        # Working days needed: the offer's hours over `hours_per_day`, or all its days.
        self.need = np.array([_days_needed(o, settings.hours_per_day) for o in og], dtype=np.int64)
        self.place_index: dict[str, list[int]] = defaultdict(list)
        for jj, o in enumerate(og):
            if o.place:
                self.place_index[o.place].append(jj)


class Students:
    """A chunk of students as arrays, each of shape (n, 1) so they broadcast against offers."""

    def __init__(self, sg: list[StudentProfile], settings: RoundSettings) -> None:
        travel = settings.travel
        self.profiles = sg
        self.lat = np.radians([s.location.lat for s in sg])[:, None]
        self.lon = np.radians([s.location.lon for s in sg])[:, None]
        self.speed = np.array([travel.speed(str(s.transport)) for s in sg])[:, None]
        wait = travel.public_transport_wait_minutes
        self.wait = np.array([wait if s.transport == "public_transport" else 0 for s in sg])[
            :, None
        ]
        self.max_min = np.array([s.max_travel_minutes for s in sg], dtype=np.float64)[:, None]
        self.start = np.array([_ordinal(s.available_from) for s in sg])[:, None]
        self.end = np.array([_ordinal(s.available_until) for s in sg])[:, None]
        self.hours = np.array(
            [np.nan if s.hours_per_week is None else s.hours_per_week for s in sg]
        )[:, None]
        self.free = np.array([[d not in s.unavailable_days for d in range(7)] for s in sg], bool)
        self.free_bits = 127 & ~np.array([_bits(s.unavailable_days) for s in sg], dtype=np.int64)
        self.access = np.array([s.needs_step_free_access for s in sg], dtype=bool)[:, None]
        self.needs = np.array([s.needs_extra_supervision for s in sg], dtype=bool)[:, None]

    def take(self, rows: np.ndarray) -> Students:
        """The same arrays for some rows only (still (k, 1) columns)."""
        out = Students.__new__(Students)
        out.profiles = [self.profiles[int(r)] for r in rows]
        for name in ("lat", "lon", "speed", "wait", "max_min", "start", "end", "hours"):
            setattr(out, name, getattr(self, name)[rows])
        for name in ("free", "free_bits", "access", "needs"):
            setattr(out, name, getattr(self, name)[rows])
        return out


def minutes(
    s_lat: np.ndarray,
    s_lon: np.ndarray,
    o_lat: np.ndarray,
    o_lon: np.ndarray,
    speed: np.ndarray,
    wait: np.ndarray,
    detour: float,
) -> np.ndarray:
    """Estimated minutes: great-circle km x detour / speed, plus the wait (elementwise)."""
    a = (
        np.sin((o_lat - s_lat) / 2) ** 2
        + np.cos(s_lat) * np.cos(o_lat) * np.sin((o_lon - s_lon) / 2) ** 2
    )
    km = 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
    out: np.ndarray = km * detour / speed * 60.0 + wait
    return out


def reachable_pairs(
    st: Students, of: GroupOffers, settings: RoundSettings
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(rows, cols, minutes, within, extra_place) of every reachable pair, row-major.

    A great-circle distance is at least the latitude difference (in radians) x the earth's
    radius, so only offers within a latitude band of the student's reach can be within their
    travel time; of those, only the ones within a longitude band (from the haversine formula
    with the smallest cosine of latitude) can be; those and the offers in their extra places
    get the exact estimate.
    """
    detour = settings.travel.detour_factor
    n, m = len(st.profiles), of.n
    reach_km = (st.max_min[:, 0] - st.wait[:, 0]) * st.speed[:, 0] / 60.0 / detour
    angle = np.nan_to_num(reach_km / EARTH_KM, nan=np.inf) * (1 + BAND_MARGIN) + 1e-12
    lat_lon = (st.lat[:, 0], st.lon[:, 0])
    lat = lat_lon[0]
    lo = np.searchsorted(of.lat_sorted, lat - angle, "left")
    hi = np.searchsorted(of.lat_sorted, lat + angle, "right")
    counts = np.maximum(hi - lo, 0)
    rows = np.repeat(np.arange(n, dtype=np.int64), counts)
    # position of each candidate among the offers sorted by latitude
    pos = np.arange(rows.size, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts - lo, counts)
    # haversine: a >= cos(lat_s) cos(lat_o) sin^2(dlon / 2), and within needs a <= sin^2(angle/2)
    # (an offer in the latitude band has |lat_o| <= |lat_s| + angle)
    cos_low = np.cos(lat) * np.maximum(of.cos_min, np.cos(np.abs(lat) + angle).clip(0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.sin(np.minimum(angle, np.pi) / 2) / np.sqrt(cos_low)
    lon_band = np.where(ratio < 1.0, 2 * np.arcsin(np.minimum(ratio, 1.0)), np.inf)
    lon_band = lon_band * (1 + BAND_MARGIN) + 1e-12
    dlon = np.abs(of.lon_sorted[pos] - lat_lon[1][rows])
    if dlon.size and dlon.max() > np.pi:  # the short way round (only across the antimeridian)
        dlon %= 2 * np.pi
        dlon = np.minimum(dlon, 2 * np.pi - dlon)
    near = dlon <= lon_band[rows]
    rows, cols = rows[near], of.by_lat[pos[near]]
    extra_code = np.array(
        [
            r * m + jj
            for r, s in enumerate(st.profiles)
            for p in s.extra_places
            for jj in of.place_index.get(p, ())
        ],
        dtype=np.int64,
    )
    if extra_code.size:
        code = np.union1d(rows * m + cols, extra_code)
        extra = np.isin(code, extra_code)
        rows, cols = code // m, code % m
    else:
        extra = np.zeros(rows.size, dtype=bool)
    mins = minutes(
        st.lat[rows, 0],
        st.lon[rows, 0],
        of.lat[cols],
        of.lon[cols],
        st.speed[rows, 0],
        st.wait[rows, 0],
        detour,
    )
    within = mins <= st.max_min[rows, 0]
    keep = within | extra
    return rows[keep], cols[keep], mins[keep], within[keep], extra[keep]


def dense_rules(st: Students, of: GroupOffers, settings: RoundSettings) -> list[np.ndarray]:
    """Every hard rule as a dense (students x offers) boolean matrix, in the order of
    `scoring.RULES`: only for students without any eligible offer, to say why."""
    mins = minutes(st.lat, st.lon, of.lat, of.lon, st.speed, st.wait, settings.travel.detour_factor)
    within = mins <= st.max_min
    extra_place = np.zeros_like(within)
    for r, s in enumerate(st.profiles):
        for p in s.extra_places:
            for jj in of.place_index.get(p, ()):
                extra_place[r, jj] = True
    reachable = within | extra_place
    overlap = np.minimum(st.end, of.end) - np.maximum(st.start, of.start) + 1
    shorter = np.minimum(st.end - st.start + 1, of.end - of.start + 1)
    with np.errstate(invalid="ignore"):
        period_ok = overlap >= settings.min_period_overlap * shorter
        hours_ok = np.abs(st.hours - of.hours) <= settings.hours_tolerance
    period_ok |= np.isnan(overlap)  # no period given on either side: no constraint
    hours_ok |= np.isnan(st.hours - of.hours)
    days_left: np.ndarray = st.free.astype(np.int64) @ of.days.T.astype(np.int64)
    days_ok: np.ndarray = ~of.stated[None, :] | (days_left >= of.need[None, :])
    access_ok = ~st.access | of.access[None, :]
    supervision_ok = ~st.needs | of.extra[None, :]
    capacity_ok = np.broadcast_to(of.cap[None, :], reachable.shape)
    return [reachable, period_ok, hours_ok, days_ok, access_ok, supervision_ok, capacity_ok]
