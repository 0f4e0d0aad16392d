"""Models moved here from `accounts`; their tables keep their names, so only the state changes."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0003_reviewer_label'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ImportBatch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('students', 'Studenten'), ('companies', 'Leerbedrijven')], max_length=16, verbose_name='soort')),
                        ('filename', models.CharField(max_length=255, verbose_name='bestand')),
                        ('rows', models.JSONField(default=list, verbose_name='regels')),
                        ('errors', models.JSONField(default=list, verbose_name='fouten')),
                        ('summary', models.JSONField(default=dict, verbose_name='samenvatting')),
                        ('status', models.CharField(choices=[('preview', 'Voorbeeld'), ('applied', 'Ingelezen')], default='preview', max_length=10, verbose_name='status')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='geüpload op')),
                        ('applied_at', models.DateTimeField(blank=True, null=True, verbose_name='ingelezen op')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('institution', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.institution')),
                    ],
                    options={
                        'verbose_name': 'import',
                        'verbose_name_plural': 'imports',
                        'db_table': 'accounts_importbatch',
                        'ordering': ['-created_at'],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
