"""The nämnd's decision and justering are stored once, on meetings.Arende.

meetings 0002 copied them there; here the old columns go. SQLite's lock trigger names
every column, so it is dropped before and recreated after (PostgreSQL's compares rows).
"""

from django.db import migrations

from responses import lock_sql


def drop_sqlite_lock(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in lock_sql.SQLITE_REMOVE:
            schema_editor.execute(statement)


def install_lock(apps, schema_editor):
    lock_sql.install(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('responses', '0002_transition_action_and_lock'),
        ('meetings', '0002_arende_decision_justering_statements'),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_lock, install_lock),
        migrations.RemoveField(model_name='historicalutlatande', name='decision_changed'),
        migrations.RemoveField(model_name='historicalutlatande', name='decision_text'),
        migrations.RemoveField(model_name='historicalutlatande', name='justerad_date'),
        migrations.RemoveField(model_name='historicalutlatande', name='justerare'),
        migrations.RemoveField(model_name='historicalutlatande', name='meeting_date'),
        migrations.RemoveField(model_name='historicalutlatande', name='paragraph'),
        migrations.RemoveField(model_name='utlatande', name='decision_changed'),
        migrations.RemoveField(model_name='utlatande', name='decision_text'),
        migrations.RemoveField(model_name='utlatande', name='justerad_date'),
        migrations.RemoveField(model_name='utlatande', name='justerare'),
        migrations.RemoveField(model_name='utlatande', name='meeting_date'),
        migrations.RemoveField(model_name='utlatande', name='paragraph'),
        migrations.RunPython(install_lock, drop_sqlite_lock),
    ]
