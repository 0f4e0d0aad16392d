from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from demo import companies as companies_demo
from demo import school as school_demo
from demo import students as students_demo


class Command(BaseCommand):
    help = "Build (or complete) the demo school. Safe to run twice: nothing is duplicated."

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_demo.demo_load()
        students_demo.demo_load(school)
        companies_demo.demo_load(school)
        self.stdout.write(self.style.SUCCESS(f"Demo school ready: {school.institution.name}"))
        self.stdout.write(f"Demo logins (password for all: {school_demo.DEMO_PASSWORD}):")
        for role, email in school.logins:
            self.stdout.write(f"  {role:<45} {email}")
