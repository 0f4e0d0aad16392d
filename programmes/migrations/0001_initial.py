"""Models moved here from `accounts`; their tables keep their names, so only the state changes."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0003_reviewer_label'),
        ('catalog', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Programme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='naam')),
                        ('crebo', models.CharField(max_length=5, validators=[django.core.validators.RegexValidator('^\\d{5}$', 'Een crebonummer bestaat uit precies 5 cijfers, bijvoorbeeld 25604.')], verbose_name='crebo')),
                        ('level', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='niveau')),
                        ('pathway', models.CharField(choices=[('BOL', 'BOL (beroepsopleidende leerweg)'), ('BBL', 'BBL (beroepsbegeleidende leerweg)')], max_length=3, verbose_name='leerweg')),
                        ('electives', models.ManyToManyField(blank=True, db_table='accounts_elective_programmes', related_name='programmes', to='catalog.elective', verbose_name='keuzedelen')),
                        ('institution', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='programmes', to='accounts.institution', verbose_name='instelling')),
                        ('team', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='programmes', to='accounts.team', verbose_name='onderwijsteam')),
                    ],
                    options={
                        'verbose_name': 'opleiding',
                        'verbose_name_plural': 'opleidingen',
                        'db_table': 'accounts_programme',
                        'ordering': ['name', 'pathway'],
                    },
                ),
                migrations.CreateModel(
                    name='CoreTask',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=12, validators=[django.core.validators.RegexValidator('^[BP]\\d+-K\\d+$', 'Gebruik de code uit het kwalificatiedossier, bijvoorbeeld B1-K1.')], verbose_name='code')),
                        ('name', models.CharField(max_length=255, verbose_name='naam')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='core_tasks', to='programmes.programme', verbose_name='opleiding')),
                    ],
                    options={
                        'verbose_name': 'kerntaak',
                        'verbose_name_plural': 'kerntaken',
                        'db_table': 'accounts_coretask',
                        'ordering': ['programme', 'code'],
                    },
                ),
                migrations.CreateModel(
                    name='WorkProcess',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=16, validators=[django.core.validators.RegexValidator('^[BP]\\d+-K\\d+-W\\d+$', 'Gebruik de code uit het kwalificatiedossier, bijvoorbeeld B1-K1-W1.')], verbose_name='code')),
                        ('name', models.CharField(max_length=255, verbose_name='naam')),
                        ('core_task', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='work_processes', to='programmes.coretask', verbose_name='kerntaak')),
                    ],
                    options={
                        'verbose_name': 'werkproces',
                        'verbose_name_plural': 'werkprocessen',
                        'db_table': 'accounts_workprocess',
                        'ordering': ['core_task__programme', 'code'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='programme',
                    constraint=models.UniqueConstraint(fields=('institution', 'crebo', 'pathway'), name='programme_unique_crebo'),
                ),
                migrations.AddConstraint(
                    model_name='programme',
                    constraint=models.CheckConstraint(condition=models.Q(('level__gte', 1), ('level__lte', 4)), name='programme_level_1_4'),
                ),
                migrations.AddConstraint(
                    model_name='coretask',
                    constraint=models.UniqueConstraint(fields=('programme', 'code'), name='coretask_unique_code'),
                ),
                migrations.AddConstraint(
                    model_name='workprocess',
                    constraint=models.UniqueConstraint(fields=('core_task', 'code'), name='workprocess_unique_code'),
                ),
            ],
            database_operations=[],
        ),
    ]
