from __future__ import annotations

from pathlib import Path
from typing import Any

from celery import current_app as celery_app
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test.utils import override_settings
from django_scopes import scopes_disabled

from demo.bench_web import bench, bench_pages


class Command(BaseCommand):
    help = "Time a whole round and every page of every role on a school of N students."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--students", type=int, default=10_000)
        parser.add_argument(
            "--out",
            default="",
            help="file for the table (default docs/bench-web.md; none with --pages-only)",
        )
        parser.add_argument(
            "--mail-senders",
            type=int,
            default=0,
            help="processes sending the release mail (default: 2 on PostgreSQL, 1 on SQLite)",
        )
        parser.add_argument(
            "--pages-only",
            action="store_true",
            help="time only the pages, on the benchmark round an earlier run left (no new round)",
        )
        parser.add_argument(
            "--only", default="", help="time only pages whose URL name matches this regex"
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
            if options["pages_only"]:
                report = bench_pages(options["students"], only=options["only"])
            else:
                senders = options["mail_senders"] or (2 if connection.vendor == "postgresql" else 1)
                report = bench(options["students"], mail_senders=senders, only=options["only"])
        table = report.markdown()
        self.stdout.write(table)
        out = options["out"] or ("" if options["pages_only"] else "docs/bench-web.md")
        if out:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            Path(out).write_text("# make bench-web\n\n" + table, encoding="utf-8")
            self.stdout.write(f"Written to {out}")
