"""Full-text search on every database.

PostgreSQL: the remiss index also covers the diarienummer (KS 2021/866), weight A like
the title; the expression must stay identical to programs.search_postgres.REMISS_DOCUMENT.
SQLite: FTS5 tables of Swedish stems with the triggers that keep them in step
(programs.search_sqlite), filled from the rows already there.
"""

from django.db import migrations

from programs import search_sqlite

OLD_REMISS_INDEX = (
    "CREATE INDEX IF NOT EXISTS remiss_fulltext_swedish ON programs_remiss USING gin (("
    "setweight(to_tsvector('swedish'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('swedish'::regconfig, coalesce(description, '')), 'B')"
    "))"
)
REMISS_INDEX = (
    "CREATE INDEX IF NOT EXISTS remiss_fulltext_swedish ON programs_remiss USING gin (("
    "setweight(to_tsvector('swedish'::regconfig, coalesce(title, '') || ' ' || "
    "coalesce(ks_dnr, '')), 'A') || "
    "setweight(to_tsvector('swedish'::regconfig, coalesce(description, '')), 'B')"
    "))"
)


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS remiss_fulltext_swedish")
        schema_editor.execute(REMISS_INDEX)
    elif connection.vendor == "sqlite":
        search_sqlite.install(connection)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS remiss_fulltext_swedish")
        schema_editor.execute(OLD_REMISS_INDEX)
    elif connection.vendor == "sqlite":
        search_sqlite.uninstall(connection)


class Migration(migrations.Migration):

    dependencies = [
        ("programs", "0005_remiss_newest_first_index"),
        ("responses", "0002_transition_action_and_lock"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
