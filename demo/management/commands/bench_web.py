from __future__ import annotations

from pathlib import Path
from typing import Any

from celery import current_app as celery_app
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test.utils import override_settings
from django_scopes import scopes_disabled

from demo.bench_web import bench


class Command(BaseCommand):
    help = "Time a whole round and every page of every role on a school of N students."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--students", type=int, default=10_000)
        parser.add_argument("--out", default="docs/bench-web.md")
        parser.add_argument(
            "--mail-senders",
            type=int,
            default=0,
            help="processes sending the release mail (default: 2 on PostgreSQL, 1 on SQLite)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Tasks in-process (timed as the worker runs them); the release mail to a local SMTP
        # sink (demo.mail_burst), anything else to memory: nothing leaves the machine. The
        # command builds and inspects one school's data itself: unscoped.
        celery_app.conf.task_always_eager = True
        with (
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                ALLOWED_HOSTS=["testserver"],
                DEBUG=False,
            ),
            scopes_disabled(),
        ):
            senders = options["mail_senders"] or (2 if connection.vendor == "postgresql" else 1)
            report = bench(options["students"], mail_senders=senders)
        table = report.markdown()
        self.stdout.write(table)
        Path(options["out"]).parent.mkdir(parents=True, exist_ok=True)
        Path(options["out"]).write_text("# make bench-web\n\n" + table, encoding="utf-8")
        self.stdout.write(f"Written to {options['out']}")
