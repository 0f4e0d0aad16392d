"""Point the relations at the models that moved out of `accounts`; the tables are unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0001_initial'),
        ('companies', '0003_alter_agreementsignature_version'),
        ('programmes', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='company',
                    name='organisation_type',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='catalog.organisationtype', verbose_name='type organisatie'),
                ),
                migrations.AlterField(
                    model_name='company',
                    name='place',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalog.place', verbose_name='plaats'),
                ),
                migrations.AlterField(
                    model_name='offer',
                    name='location',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalog.place', verbose_name='locatie (als anders dan bedrijfsadres)'),
                ),
                migrations.AlterField(
                    model_name='offer',
                    name='programme',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='offers', to='programmes.programme'),
                ),
                migrations.AlterField(
                    model_name='offer',
                    name='work_processes',
                    field=models.ManyToManyField(related_name='+', to='programmes.workprocess', verbose_name='werkprocessen die je hier oefent'),
                ),
            ],
            database_operations=[],
        ),
    ]
