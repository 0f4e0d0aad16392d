"""JSON formats of the engine (see README.md): profiles and settings to and from dicts."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date
from operator import attrgetter
from typing import Any

from .types import (
    Location,
    OfferProfile,
    RoundSettings,
    StudentProfile,
    Transport,
    TravelSettings,
    Weights,
)

STUDENT_FIELDS = tuple(f.name for f in fields(StudentProfile))
OFFER_FIELDS = tuple(f.name for f in fields(OfferProfile))
_STUDENT_KEYS = frozenset(STUDENT_FIELDS)
_OFFER_KEYS = frozenset(OFFER_FIELDS)
_SCALAR = (str, int, float, bool, type(None))
# All field values of a profile in one call (in field order).
_STUDENT_VALUES = attrgetter(*STUDENT_FIELDS)
_OFFER_VALUES = attrgetter(*OFFER_FIELDS)


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _location(d: dict[str, Any]) -> Location:
    loc = d["location"]
    if isinstance(loc, dict):
        return Location(float(loc["lat"]), float(loc["lon"]))
    return Location(float(loc[0]), float(loc[1]))


def student_from_dict(d: dict[str, Any]) -> StudentProfile:
    unknown = d.keys() - _STUDENT_KEYS
    if unknown:
        raise ValueError(f"student {d.get('id')!r}: unknown field(s) {sorted(unknown)}")
    return StudentProfile(
        id=str(d["id"]),
        crebo=str(d["crebo"]),
        level=int(d["level"]),
        location=_location(d),
        transport=Transport(d.get("transport", "bike")),
        max_travel_minutes=int(d.get("max_travel_minutes", 30)),
        work_processes=tuple(d.get("work_processes", ())),
        organisation_types=frozenset(d.get("organisation_types", ())),
        electives=frozenset(d.get("electives", ())),
        learning_wishes=tuple(d.get("learning_wishes", ())),
        extra_places=frozenset(d.get("extra_places", ())),
        home_place=str(d.get("home_place", "")),
        needs_extra_supervision=bool(d.get("needs_extra_supervision", False)),
        available_from=_date(d.get("available_from")),
        available_until=_date(d.get("available_until")),
        hours_per_week=d.get("hours_per_week"),
        unavailable_days=frozenset(int(x) for x in d.get("unavailable_days", ())),
        needs_step_free_access=bool(d.get("needs_step_free_access", False)),
        priority=bool(d.get("priority", False)),
    )


def offer_from_dict(d: dict[str, Any]) -> OfferProfile:
    unknown = d.keys() - _OFFER_KEYS
    if unknown:
        raise ValueError(f"offer {d.get('id')!r}: unknown field(s) {sorted(unknown)}")
    return OfferProfile(
        id=str(d["id"]),
        company_id=str(d.get("company_id", d["id"])),
        crebo=str(d["crebo"]),
        level=int(d["level"]),
        capacity=int(d["capacity"]),
        location=_location(d),
        place=str(d.get("place", "")),
        work_processes=frozenset(d.get("work_processes", ())),
        organisation_type=str(d.get("organisation_type", "")),
        electives=frozenset(d.get("electives", ())),
        learning_text=str(d.get("learning_text", "")),
        extra_supervision_possible=bool(d.get("extra_supervision_possible", False)),
        period_start=_date(d.get("period_start")),
        period_end=_date(d.get("period_end")),
        hours_per_week=d.get("hours_per_week"),
        working_days=frozenset(int(x) for x in d.get("working_days", ())),
        step_free_access=bool(d.get("step_free_access", False)),
    )


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _SCALAR:
        return value
    if kind is frozenset:
        return sorted(value)
    if kind is tuple:
        return [v if type(v) is str else _plain(v) for v in value]
    if kind is date:
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def student_to_dict(s: StudentProfile) -> dict[str, Any]:
    values = _STUDENT_VALUES(s)
    d = dict(
        zip(STUDENT_FIELDS, [v if type(v) in _SCALAR else _plain(v) for v in values], strict=True)
    )
    d["location"] = {"lat": s.location.lat, "lon": s.location.lon}
    d["transport"] = str(s.transport)
    return d


def offer_to_dict(o: OfferProfile) -> dict[str, Any]:
    values = _OFFER_VALUES(o)
    d = dict(
        zip(OFFER_FIELDS, [v if type(v) in _SCALAR else _plain(v) for v in values], strict=True)
    )
    d["location"] = {"lat": o.location.lat, "lon": o.location.lon}
    return d


def settings_to_dict(s: RoundSettings) -> dict[str, Any]:
    d = asdict(s)
    d["travel"]["speed_kmh"] = dict(s.travel.speed_kmh)
    return d


def settings_from_dict(d: dict[str, Any] | None) -> RoundSettings:
    if not d:
        return RoundSettings()
    travel = dict(d.get("travel", {}))
    if "speed_kmh" in travel:
        merged = dict(TravelSettings().speed_kmh)
        merged.update({k: float(v) for k, v in travel["speed_kmh"].items()})
        travel["speed_kmh"] = tuple(sorted(merged.items()))
    rest = {k: v for k, v in d.items() if k not in ("weights", "travel")}
    return RoundSettings(
        weights=Weights(**d.get("weights", {})), travel=TravelSettings(**travel), **rest
    )
