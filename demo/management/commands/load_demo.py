from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_scopes import scopes_disabled

from demo import companies as companies_demo
from demo import large as large_demo
from demo import school as school_demo
from demo import students as students_demo
from demo import year as year_demo
from demo.school import DemoSchool


class Command(BaseCommand):
    help = (
        "Build (or complete) the demo schools. Safe to run twice: nothing is duplicated. "
        "With --students N also a large school of N students (ROC De Regio)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--students",
            type=int,
            default=0,
            help="Also build ROC De Regio with this many students (companies in proportion).",
        )

        parser.add_argument(
            "--year",
            action="store_true",
            help="Also release the first school's first round, with placements in every state.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # A management command builds data for a school it names itself: unscoped on purpose.
        with scopes_disabled():
            for spec in school_demo.SCHOOLS:
                school = school_demo.demo_load(spec)
                students_demo.demo_load(school)
                companies_demo.demo_load(school)
                if options["year"] and spec is school_demo.SCHOOLS[0]:
                    start = time.monotonic()
                    if year_demo.year_load(school) is not None:
                        took = time.monotonic() - start
                        self.stdout.write(f"Demo round released with its placements ({took:.1f} s)")
                self._ready(school)
            if options["students"] > 0:
                start = time.monotonic()
                school = large_demo.large_load(options["students"])
                self._ready(school, seconds=time.monotonic() - start)

    def _ready(self, school: DemoSchool, seconds: float | None = None) -> None:
        took = f" ({seconds:.1f} s)" if seconds is not None else ""
        self.stdout.write(self.style.SUCCESS(f"Demo school ready: {school.institution.name}{took}"))
        self.stdout.write(f"Demo logins (password for all: {school_demo.DEMO_PASSWORD}):")
        for role, email in school.logins:
            self.stdout.write(f"  {role:<45} {email}")
