"""Full-text search on every database, with diarienummer and names.

PostgreSQL: the remiss index also covers the KS diarienummer (weight A, like the title;
the expression must stay identical to programs.search_postgres.REMISS_DOCUMENT), and the
answers' stored vector their own diarienummer (A) and the names of handläggare and
undertecknare (C). SQLite: FTS5 tables of the same Swedish stems with the triggers that
keep them in step (programs.search_sqlite), filled from the rows already there.
"""

from django.db import migrations

from programs import search_sqlite
from responses import lock_sql

OLD_VECTOR = (
    "setweight(to_tsvector('swedish'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(jsonb_to_tsvector('swedish'::regconfig, sections, '[\"string\"]'::jsonb), 'B')"
)
VECTOR = (
    "setweight(to_tsvector('swedish'::regconfig, coalesce(title, '') || ' ' || "
    "coalesce(own_dnr, '')), 'A') || "
    "setweight(jsonb_to_tsvector('swedish'::regconfig, sections, '[\"string\"]'::jsonb), 'B') || "
    "setweight(jsonb_to_tsvector('swedish'::regconfig, "
    "jsonb_path_query_array(handlaggare, '$[*].name') || "
    "jsonb_path_query_array(signatories, '$[*].name'), '[\"string\"]'::jsonb), 'C')"
)


def _vector(schema_editor, expression):
    # A generated column cannot change its expression: drop it (and its index), add anew.
    schema_editor.execute("ALTER TABLE responses_utlatande DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute(
        "ALTER TABLE responses_utlatande ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS utlatande_search_vector "
                          "ON responses_utlatande USING gin (search_vector)")
    schema_editor.execute(lock_sql.POSTGRES_INSTALL)

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
        _vector(schema_editor, VECTOR)
    elif connection.vendor == "sqlite":
        search_sqlite.install(connection)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS remiss_fulltext_swedish")
        schema_editor.execute(OLD_REMISS_INDEX)
        _vector(schema_editor, OLD_VECTOR)
    elif connection.vendor == "sqlite":
        search_sqlite.uninstall(connection)


class Migration(migrations.Migration):

    dependencies = [
        ("programs", "0005_remiss_newest_first_index"),
        ("responses", "0002_transition_action_and_lock"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
