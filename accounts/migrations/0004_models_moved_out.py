"""Places, organisation types and electives moved to `catalog`, programmes with their core tasks
and work processes to `programmes`, import batches to `spreadsheets`.

Only Django's state changes: the tables keep their names (the new models set `db_table`), so an
existing database keeps every row. The content types (and so permissions and admin history)
are relabelled to the new apps.
"""

from django.db import migrations

MOVED = {
    "place": "catalog",
    "organisationtype": "catalog",
    "elective": "catalog",
    "programme": "programmes",
    "coretask": "programmes",
    "workprocess": "programmes",
    "importbatch": "spreadsheets",
}


def forwards(apps, schema_editor) -> None:  # noqa: ANN001
    for model, app in MOVED.items():
        _move(apps, schema_editor, model, "accounts", app)


def backwards(apps, schema_editor) -> None:  # noqa: ANN001
    for model, app in MOVED.items():
        _move(apps, schema_editor, model, app, "accounts")


def _move(apps, schema_editor, model: str, source: str, target: str) -> None:  # noqa: ANN001
    content_type = apps.get_model("contenttypes", "ContentType")
    types = content_type.objects.using(schema_editor.connection.alias)
    if types.filter(app_label=target, model=model).exists():
        return  # already created under the new label: leave the old one alone
    types.filter(app_label=source, model=model).update(app_label=target)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_reviewer_label'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('catalog', '0001_initial'),
        ('programmes', '0001_initial'),
        ('spreadsheets', '0001_initial'),
        ('students', '0003_moved_catalog_and_programmes'),
        ('companies', '0004_moved_catalog_and_programmes'),
        ('matching', '0003_moved_programmes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name='coretask', name='programme'),
                migrations.RemoveField(model_name='workprocess', name='core_task'),
                migrations.RemoveField(model_name='elective', name='programmes'),
                migrations.RemoveField(model_name='importbatch', name='created_by'),
                migrations.RemoveField(model_name='importbatch', name='institution'),
                migrations.RemoveField(model_name='programme', name='institution'),
                migrations.RemoveField(model_name='programme', name='team'),
                migrations.DeleteModel(name='OrganisationType'),
                migrations.DeleteModel(name='Place'),
                migrations.DeleteModel(name='CoreTask'),
                migrations.DeleteModel(name='WorkProcess'),
                migrations.DeleteModel(name='Elective'),
                migrations.DeleteModel(name='ImportBatch'),
                migrations.DeleteModel(name='Programme'),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
