"""JSON formats of the engine (see README.md): profiles and settings to and from dicts."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date
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


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def student_to_dict(s: StudentProfile) -> dict[str, Any]:
    """The JSON form of a profile (sets sorted, dates in ISO), field by field: it is made for
    every profile of a run to hash the input, so no generic walk over the values."""
    return {
        "id": s.id,
        "crebo": s.crebo,
        "level": s.level,
        "location": {"lat": s.location.lat, "lon": s.location.lon},
        "transport": str(s.transport),
        "max_travel_minutes": s.max_travel_minutes,
        "work_processes": list(s.work_processes),
        "organisation_types": sorted(s.organisation_types),
        "electives": sorted(s.electives),
        "learning_wishes": list(s.learning_wishes),
        "extra_places": sorted(s.extra_places),
        "home_place": s.home_place,
        "needs_extra_supervision": s.needs_extra_supervision,
        "available_from": _iso(s.available_from),
        "available_until": _iso(s.available_until),
        "hours_per_week": s.hours_per_week,
        "unavailable_days": sorted(s.unavailable_days),
        "needs_step_free_access": s.needs_step_free_access,
        "priority": s.priority,
    }


def offer_to_dict(o: OfferProfile) -> dict[str, Any]:
    """The JSON form of an offer profile, field by field (see `student_to_dict`)."""
    return {
        "id": o.id,
        "company_id": o.company_id,
        "crebo": o.crebo,
        "level": o.level,
        "capacity": o.capacity,
        "location": {"lat": o.location.lat, "lon": o.location.lon},
        "place": o.place,
        "work_processes": sorted(o.work_processes),
        "organisation_type": o.organisation_type,
        "electives": sorted(o.electives),
        "learning_text": o.learning_text,
        "extra_supervision_possible": o.extra_supervision_possible,
        "period_start": _iso(o.period_start),
        "period_end": _iso(o.period_end),
        "hours_per_week": o.hours_per_week,
        "working_days": sorted(o.working_days),
        "step_free_access": o.step_free_access,
    }


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
