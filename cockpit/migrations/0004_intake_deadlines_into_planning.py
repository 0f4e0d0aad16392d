"""The intake deadlines per programme and cohort (students.IntakeDeadline) and the intake
dates of rounds still taking in forms become "leerwensformulier sluit" steps of the planning,
the one source of intake dates from now on. A step already planned is left as it is."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import migrations

DUTCH = ZoneInfo("Europe/Amsterdam")


def _year(day: dt.date) -> int:
    return day.year if day.month >= 8 else day.year - 1


def forwards(apps, schema_editor):
    PlanningStep = apps.get_model("cockpit", "PlanningStep")
    IntakeDeadline = apps.get_model("students", "IntakeDeadline")
    Round = apps.get_model("matching", "Round")
    wanted = {}
    for row in IntakeDeadline._base_manager.select_related("programme"):
        day = row.deadline.astimezone(DUTCH).date()
        key = (row.programme.institution_id, _year(day), row.programme_id)
        wanted[key] = max(day, wanted.get(key, day))
    for rnd in Round._base_manager.filter(
        status__in=["draft", "intake"], intake_closes_at__isnull=False
    ):
        day = rnd.intake_closes_at.astimezone(DUTCH).date()
        for programme_id in rnd.programmes.values_list("pk", flat=True):
            key = (rnd.institution_id, _year(day), programme_id)
            wanted[key] = max(day, wanted.get(key, day))
    for (institution_id, year, programme_id), day in wanted.items():
        PlanningStep._base_manager.get_or_create(
            institution_id=institution_id,
            school_year=year,
            programme_id=programme_id,
            kind="intake_close",
            defaults={"due_on": day},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cockpit", "0003_dutch_names"),
        ("students", "0009_dutch_names"),
        ("matching", "0016_dutch_names"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
