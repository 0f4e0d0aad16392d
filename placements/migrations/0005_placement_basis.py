"""A placement's wishes and explanation move to a row beside it (`PlacementBasis`): every
count over placements read them. Existing values are copied over, and back on reverse."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('placements', '0004_dutch_names'),
    ]

    operations = [
        migrations.CreateModel(
            name='PlacementBasis',
            fields=[
                ('placement', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='basis', serialize=False, to='placements.placement', verbose_name='stageplaatsing')),
                ('wishes', models.JSONField(blank=True, default=dict, verbose_name='leerwensen (kopie)')),
                ('explanation', models.JSONField(blank=True, default=dict, verbose_name='uitleg')),
            ],
            options={
                'verbose_name': 'grondslag van een stageplaatsing',
                'verbose_name_plural': 'grondslagen van stageplaatsingen',
            },
        ),
        # Every placement that was given wishes or an explanation keeps them.
        migrations.RunSQL(
            "INSERT INTO placements_placementbasis (placement_id, wishes, explanation) "
            "SELECT id, wishes, explanation FROM placements_placement",
            "UPDATE placements_placement SET "
            "wishes = COALESCE((SELECT b.wishes FROM placements_placementbasis b "
            "WHERE b.placement_id = placements_placement.id), wishes), "
            "explanation = COALESCE((SELECT b.explanation FROM placements_placementbasis b "
            "WHERE b.placement_id = placements_placement.id), explanation)",
        ),
        migrations.RemoveField(
            model_name='placement',
            name='explanation',
        ),
        migrations.RemoveField(
            model_name='placement',
            name='wishes',
        ),
    ]
