"""Memory and time of a large cohort import, printed (nothing is kept).

    python manage.py bench_import            # 10,000 rows, XLSX and CSV
    python manage.py bench_import --rows 20000

Builds a throwaway school and a cohort file in memory, then runs what the upload and the two
tasks run (check: the streaming read and every row's validation; apply: writing every user,
student and learning profile and queueing the invitations) inside one transaction that is
rolled back. Memory is the peak of Python allocations (tracemalloc) per phase.
"""

from __future__ import annotations

import io
import time
import tracemalloc
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django_scopes import scopes_disabled

from accounts.models import Institution, Role, Team, User
from programmes.models import Programme
from spreadsheets.importing import get_importer, import_check, import_receive
from spreadsheets.models import ImportBatch

HEADER = ["studentnummer", "voornaam", "achternaam", "email", "crebo", "leerweg", "cohort"]
MB = 1024 * 1024


def cohort_rows(n: int) -> list[list[Any]]:
    return [
        [f"8{i:06d}", "Student", f"Bench {i}", f"bench{i}@bench.example.nl", 25604, "BOL", 2026]
        for i in range(n)
    ]


def cohort_file(n: int, kind: str) -> bytes:
    if kind == "csv":
        lines = [";".join(HEADER)] + [";".join(map(str, r)) for r in cohort_rows(n)]
        return ("\n".join(lines) + "\n").encode()
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADER)
    for row in cohort_rows(n):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def measure(n: int, kind: str) -> dict[str, float]:
    """Run check and apply of an n-row file in a rolled-back transaction; the figures."""
    data = cohort_file(n, kind)
    figures: dict[str, float] = {"rows": n, "file_mb": len(data) / MB}
    # A throwaway school, rolled back below: the command keeps nothing.
    with scopes_disabled(), transaction.atomic():
        school = Institution.objects.create(name="Bench", slug=f"bench-{time.time_ns()}")
        team = Team.objects.create(institution=school, name="Bench")
        Programme.objects.create(
            institution=school, team=team, name="Bench", crebo="25604", level=4, pathway="BOL"
        )
        coordinator = User.objects.create(
            email=f"coordinator@{school.slug}.example.nl", role=Role.COORDINATOR, institution=school
        )
        tracemalloc.start()
        start = time.perf_counter()
        batch = import_receive(
            kind="students", fh=io.BytesIO(data), filename=f"cohort.{kind}", user=coordinator
        )
        import_check(batch_id=batch.pk)
        figures["check_s"] = time.perf_counter() - start
        figures["check_peak_mb"] = tracemalloc.get_traced_memory()[1] / MB
        batch = ImportBatch.objects.get(pk=batch.pk)
        assert not batch.errors, batch.errors[:3]
        tracemalloc.reset_peak()
        start = time.perf_counter()
        get_importer("students").apply(batch.rows, school, coordinator)
        figures["apply_s"] = time.perf_counter() - start
        figures["apply_peak_mb"] = tracemalloc.get_traced_memory()[1] / MB
        tracemalloc.stop()
        transaction.set_rollback(True)
    return figures


class Command(BaseCommand):
    help = "Memory (tracemalloc peak) and time of a large cohort import; nothing is kept."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--rows", type=int, default=10_000)

    def handle(self, *args: Any, **options: Any) -> None:
        for kind in ("xlsx", "csv"):
            f = measure(options["rows"], kind)
            self.stdout.write(
                f"{kind}: {f['rows']:.0f} rows, file {f['file_mb']:.1f} MB; "
                f"check {f['check_s']:.1f} s, peak {f['check_peak_mb']:.1f} MB; "
                f"apply {f['apply_s']:.1f} s, peak {f['apply_peak_mb']:.1f} MB"
            )
