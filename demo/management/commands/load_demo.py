from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from demo import companies as companies_demo
from demo import school as school_demo
from demo import students as students_demo


class Command(BaseCommand):
    help = "Build (or complete) the demo school. Safe to run twice: nothing is duplicated."

    def handle(self, *args: Any, **options: Any) -> None:
        # A management command builds data for a school it names itself: unscoped on purpose.
        with scopes_disabled():
            self._load()

    def _load(self) -> None:
        for spec in school_demo.SCHOOLS:
            school = school_demo.demo_load(spec)
            students_demo.demo_load(school)
            companies_demo.demo_load(school)
            self.stdout.write(self.style.SUCCESS(f"Demo school ready: {school.institution.name}"))
            self.stdout.write(f"Demo logins (password for all: {school_demo.DEMO_PASSWORD}):")
            for role, email in school.logins:
                self.stdout.write(f"  {role:<45} {email}")
