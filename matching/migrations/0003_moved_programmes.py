"""Point the relations at the models that moved out of `accounts`; the tables are unchanged."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0002_roundcapacity'),
        ('programmes', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='round',
                    name='programmes',
                    field=models.ManyToManyField(related_name='rounds', to='programmes.programme', verbose_name='opleidingen'),
                ),
            ],
            database_operations=[],
        ),
    ]
