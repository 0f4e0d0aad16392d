"""On PostgreSQL, a match's wide JSON (explanation, wishes, objective, unplaced reason) is kept
out of the table's own pages (TOAST) for rows written from now on, so the round page, the
review list, the figures and the export scan a tenth of the pages (30 MB down to 2.4 MB at
10,000 students). See `stagematching.toast`."""

from django.db import migrations

from stagematching.toast import toast_wide_columns


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0018_auditevent_round_latest"),
    ]

    operations = [
        toast_wide_columns("matching_match"),
    ]
