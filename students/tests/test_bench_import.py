"""The import benchmark runs and keeps nothing (its figures are printed, never asserted on
time; `python manage.py bench_import` measures 10,000 rows)."""

from __future__ import annotations

import pytest

from accounts.models import Institution
from students.management.commands.bench_import import measure
from students.models import Student


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_bench_import_measures_and_rolls_back(kind: str) -> None:
    before = (Institution.objects.count(), Student.objects.count())
    figures = measure(300, kind)
    print(f"\n{kind}: {figures}")
    assert figures["rows"] == 300 and figures["check_peak_mb"] > 0
    assert (Institution.objects.count(), Student.objects.count()) == before
