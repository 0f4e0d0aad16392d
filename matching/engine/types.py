"""Engine input: objective profiles only.

There is deliberately no field for a name, photo, birth date, age, gender, nationality,
origin, religion or address: the engine cannot use what it never receives. A test checks
these dataclasses against a list of forbidden field names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Transport(StrEnum):
    BIKE = "bike"
    PUBLIC_TRANSPORT = "public_transport"
    CAR = "car"
    SCOOTER = "scooter"
    WALK = "walk"


@dataclass(frozen=True, slots=True)
class Location:
    """A point: the centroid of a 4-digit postcode area or of a place."""

    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class StudentProfile:
    id: str
    crebo: str
    level: int
    location: Location
    transport: Transport = Transport.BIKE
    max_travel_minutes: int = 30
    work_processes: tuple[str, ...] = ()  # in order of importance, most important first
    organisation_types: frozenset[str] = frozenset()
    electives: frozenset[str] = frozenset()
    learning_wishes: tuple[str, ...] = ()
    extra_places: frozenset[str] = frozenset()  # place ids reachable whatever the estimate
    home_place: str = ""  # place id, for the shortage report ("within reach of …")
    needs_extra_supervision: bool = False
    available_from: date | None = None
    available_until: date | None = None
    hours_per_week: int | None = None
    unavailable_days: frozenset[int] = frozenset()  # weekdays, 0 = Monday
    # An anonymous requirement (the reason stays with the care coordinator).
    needs_step_free_access: bool = False
    # Placed first when the round switches priority on (`RoundSettings.priority`); the bridge
    # says who (a support need, being re-placed), the engine never learns why.
    priority: bool = False


@dataclass(frozen=True, slots=True)
class OfferProfile:
    id: str
    company_id: str
    crebo: str
    level: int
    capacity: int
    location: Location
    place: str = ""  # place id
    work_processes: frozenset[str] = frozenset()
    organisation_type: str = ""
    electives: frozenset[str] = frozenset()
    learning_text: str = ""
    extra_supervision_possible: bool = False
    period_start: date | None = None
    period_end: date | None = None
    hours_per_week: int | None = None
    working_days: frozenset[int] = frozenset()  # weekdays, 0 = Monday; empty: not stated
    step_free_access: bool = False


@dataclass(frozen=True, slots=True)
class TravelSettings:
    """Travel time is an ESTIMATE: straight-line distance x detour factor / speed (+ a wait).

    Speeds are door-to-door averages in km/h; public transport adds a fixed wait/transfer time.
    A round may override any of them.
    """

    detour_factor: float = 1.3
    speed_kmh: tuple[tuple[str, float], ...] = (
        ("bike", 15.0),
        ("public_transport", 25.0),
        ("car", 40.0),
        ("scooter", 25.0),
        ("walk", 5.0),
    )
    public_transport_wait_minutes: float = 10.0

    def speed(self, mode: str) -> float:
        return dict(self.speed_kmh)[mode]


@dataclass(frozen=True, slots=True)
class Weights:
    """Relative weights of the score criteria; the score is 100 x the weighted mean.

    Text similarity is off by default (weight 0): how a student words a wish never decides.
    A round may switch it on; it favours fluent writers, and the pages say so.
    """

    work_processes: float = 0.50
    learning_text: float = 0.0
    organisation_type: float = 0.15
    travel: float = 0.20
    electives: float = 0.15

    def as_dict(self) -> dict[str, float]:
        return {
            "work_processes": self.work_processes,
            "learning_text": self.learning_text,
            "organisation_type": self.organisation_type,
            "travel": self.travel,
            "electives": self.electives,
        }


@dataclass(frozen=True, slots=True)
class RoundSettings:
    weights: Weights = field(default_factory=Weights)
    travel: TravelSettings = field(default_factory=TravelSettings)
    # Periods must overlap for at least this share of the shorter of the two periods.
    min_period_overlap: float = 0.75
    # Offered hours may differ this much from the hours the student can work.
    hours_tolerance: int = 8
    # Value of the organisation-type and electives criteria when nothing matches, whether
    # the student stated nothing or the offer does not mention it: stating a wish never hurts.
    neutral_value: float = 0.5
    # A working day counts this many hours (the working-days rule).
    hours_per_day: int = 8
    # Place the students marked `priority` first (a level above "placed", see flow.py).
    priority: bool = False
