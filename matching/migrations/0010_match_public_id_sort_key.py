"""Blind review: every match gets a UUID address and a random, stored sort key."""

import secrets
import uuid

from django.db import migrations, models

import matching.models


def fill(apps, schema_editor):
    Match = apps.get_model("matching", "Match")
    rows = list(Match._base_manager.only("pk"))
    for row in rows:
        row.public_id = uuid.uuid4()
        row.sort_key = secrets.randbits(62)
    Match._base_manager.bulk_update(rows, ["public_id", "sort_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("matching", "0009_objection_replacement")]

    operations = [
        migrations.AddField(
            model_name="match",
            name="public_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="match",
            name="sort_key",
            field=models.BigIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="match",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="match",
            name="sort_key",
            field=models.BigIntegerField(default=matching.models._sort_key, editable=False),
        ),
        migrations.AlterModelOptions(
            name="match",
            options={"ordering": ["round", "sort_key"]},
        ),
        migrations.AddIndex(
            model_name="match",
            index=models.Index(fields=["round", "sort_key"], name="match_review_order"),
        ),
    ]
