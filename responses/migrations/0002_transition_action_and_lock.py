"""Record the workflow action per transition; lock justerad/besvarad rows in the database."""

import django.db.models.deletion
from django.db import migrations, models

from responses import lock_sql


def install_lock(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(lock_sql.POSTGRES_INSTALL)
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            columns = [c.name for c in connection.introspection.get_table_description(
                cursor, "responses_utlatande")]
        for statement in lock_sql.sqlite_install(columns):
            schema_editor.execute(statement)


def remove_lock(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(lock_sql.POSTGRES_REMOVE)
    elif connection.vendor == "sqlite":
        for statement in lock_sql.SQLITE_REMOVE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0001_initial'),
        ('responses', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='transitionrecord',
            name='action',
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name='transitionrecord',
            name='organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation'),
        ),
        migrations.RunPython(install_lock, remove_lock),
    ]
