"""Models moved here from `accounts`; their tables keep their names, so only the state changes."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Elective',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=10, unique=True, validators=[django.core.validators.RegexValidator('^K\\d{4}$', 'Een keuzedeelcode is K gevolgd door 4 cijfers.')], verbose_name='code')),
                        ('name', models.CharField(max_length=255, verbose_name='naam')),
                    ],
                    options={
                        'verbose_name': 'keuzedeel',
                        'verbose_name_plural': 'keuzedelen',
                        'db_table': 'accounts_elective',
                        'ordering': ['code'],
                    },
                ),
                migrations.CreateModel(
                    name='OrganisationType',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(unique=True, verbose_name='code')),
                        ('name', models.CharField(max_length=100, verbose_name='naam')),
                    ],
                    options={
                        'verbose_name': 'type organisatie',
                        'verbose_name_plural': 'types organisatie',
                        'db_table': 'accounts_organisationtype',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Place',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='plaats')),
                        ('municipality', models.CharField(max_length=120, verbose_name='gemeente')),
                        ('province', models.CharField(max_length=60, verbose_name='provincie')),
                        ('latitude', models.FloatField(verbose_name='breedtegraad')),
                        ('longitude', models.FloatField(verbose_name='lengtegraad')),
                    ],
                    options={
                        'verbose_name': 'plaats',
                        'verbose_name_plural': 'plaatsen',
                        'db_table': 'accounts_place',
                        'ordering': ['name'],
                        'constraints': [models.UniqueConstraint(fields=('name', 'municipality'), name='place_unique_name')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
