"""On PostgreSQL the database itself refuses two placements of one student on the same day,
and two placements on one seat on the same day (exclusion constraints over the days a
placement occupies, the same range as `placements.models.occupied`). Other backends rely on
the services' checks under row locks and the partial unique constraint of 0001."""

from django.db import migrations

# [start, stop): up to end_date inclusive, or up to ended_on (exclusive) when it ended early.
DAYS = (
    "daterange(start_date, "
    "LEAST(end_date + 1, GREATEST(start_date, COALESCE(ended_on, end_date + 1))), '[)')"
)
CREATE = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE placements_placement ADD CONSTRAINT placement_student_no_overlap "
    f"EXCLUDE USING gist (student_id WITH =, {DAYS} WITH &&)",
    "ALTER TABLE placements_placement ADD CONSTRAINT placement_seat_no_overlap "
    f"EXCLUDE USING gist (seat_id WITH =, {DAYS} WITH &&) WHERE (seat_id IS NOT NULL)",
]
DROP = [
    "ALTER TABLE placements_placement DROP CONSTRAINT IF EXISTS placement_student_no_overlap",
    "ALTER TABLE placements_placement DROP CONSTRAINT IF EXISTS placement_seat_no_overlap",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("placements", "0001_initial"),
    ]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
