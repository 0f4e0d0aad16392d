from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from celery import current_app as celery_app
from django.core.management.base import BaseCommand, CommandParser
from django.test.utils import override_settings
from django_scopes import scopes_disabled

from demo.bench_release import HASHERS, bench

TITLE = "# make bench-release\n"


class Command(BaseCommand):
    help = (
        "N students log in within 2 seconds of the release moment: gunicorn, production settings."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--students", type=int, default=1_000)
        parser.add_argument("--contacts", type=int, default=200)
        parser.add_argument("--hasher", choices=sorted(HASHERS), default="argon2id")
        parser.add_argument(
            "--server-dir",
            default=".",
            help="the checkout whose Procfile web line and .venv serve (e.g. an older commit)",
        )
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--web", default=None, help="a gunicorn command instead of Procfile's")
        parser.add_argument("--label", default="this version")
        parser.add_argument("--out", default="docs/bench-release.md")

    def handle(self, *args: Any, **options: Any) -> None:
        # Building the round: tasks in-process, mail to memory (nothing leaves the machine);
        # the command builds and inspects one school's data itself: unscoped.
        celery_app.conf.task_always_eager = True
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            scopes_disabled(),
        ):
            outcome = bench(
                n_students=options["students"],
                n_contacts=options["contacts"],
                hasher=options["hasher"],
                server_dir=Path(options["server_dir"]).resolve(),
                port=options["port"],
                web=options["web"],
                label=options["label"],
            )
        section = outcome.markdown()
        self.stdout.write(section)
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        text = out.read_text(encoding="utf-8") if out.exists() else TITLE
        # One section per size and label: a new run replaces its own, keeps the others.
        heading = section.splitlines()[0]
        pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^### |\Z)", re.M | re.S)
        text = (
            pattern.sub(lambda _m: section + "\n", text)
            if pattern.search(text)
            else (text.rstrip("\n") + "\n\n" + section)
        )
        out.write_text(text, encoding="utf-8")
        self.stdout.write(f"Written to {out}")
