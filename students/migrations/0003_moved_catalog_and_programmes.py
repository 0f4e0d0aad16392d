"""Point the relations at the models that moved out of `accounts`; the tables are unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0001_initial'),
        ('programmes', '0001_initial'),
        ('students', '0002_student_reminded_at_profilechange_profilecomment_and_more'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='intakedeadline',
                    name='programme',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deadlines', to='programmes.programme'),
                ),
                migrations.AlterField(
                    model_name='learningprofile',
                    name='electives',
                    field=models.ManyToManyField(blank=True, to='catalog.elective', verbose_name='keuzedelen'),
                ),
                migrations.AlterField(
                    model_name='learningprofile',
                    name='extra_places',
                    field=models.ManyToManyField(blank=True, related_name='+', to='catalog.place', verbose_name='andere plaatsen die je kunt bereiken'),
                ),
                migrations.AlterField(
                    model_name='learningprofile',
                    name='home_place',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalog.place', verbose_name='vertrekplaats'),
                ),
                migrations.AlterField(
                    model_name='learningprofile',
                    name='organisation_types',
                    field=models.ManyToManyField(blank=True, to='catalog.organisationtype', verbose_name='voorkeur type organisatie'),
                ),
                migrations.AlterField(
                    model_name='learningprofile',
                    name='work_processes',
                    field=models.ManyToManyField(blank=True, through='students.WishedWorkProcess', to='programmes.workprocess', verbose_name='werkprocessen die je wilt oefenen'),
                ),
                migrations.AlterField(
                    model_name='student',
                    name='programme',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='students', to='programmes.programme', verbose_name='opleiding'),
                ),
                migrations.AlterField(
                    model_name='wishedworkprocess',
                    name='work_process',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programmes.workprocess'),
                ),
            ],
            database_operations=[],
        ),
    ]
