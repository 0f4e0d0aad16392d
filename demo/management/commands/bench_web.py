from __future__ import annotations

from pathlib import Path
from typing import Any

from celery import current_app as celery_app
from django.core.management.base import BaseCommand, CommandParser
from django.test.utils import override_settings
from django_scopes import scopes_disabled

from demo.bench_web import bench


class Command(BaseCommand):
    help = "Time a whole round and every page of every role on a school of N students."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--students", type=int, default=10_000)
        parser.add_argument("--out", default="docs/bench-web.md")

    def handle(self, *args: Any, **options: Any) -> None:
        # Tasks in-process (timed as the worker runs them), mail to memory (nothing leaves the
        # machine); the command builds and inspects one school's data itself: unscoped.
        celery_app.conf.task_always_eager = True
        with (
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                ALLOWED_HOSTS=["testserver"],
                DEBUG=False,
            ),
            scopes_disabled(),
        ):
            report = bench(options["students"])
        table = report.markdown()
        self.stdout.write(table)
        Path(options["out"]).parent.mkdir(parents=True, exist_ok=True)
        Path(options["out"]).write_text("# make bench-web\n\n" + table, encoding="utf-8")
        self.stdout.write(f"Written to {options['out']}")
