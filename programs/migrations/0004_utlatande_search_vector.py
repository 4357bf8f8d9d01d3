"""Store the answers' search vector in a generated column and index that.

Ranking a common word recomputed the vector of every matching answer (60 s for a word in
three of four answers at ten years of data); a stored column is computed once per save.
The lock trigger must let the column change with the text it is generated from.
"""

from django.db import migrations

from responses import lock_sql

VECTOR = (
    "setweight(to_tsvector('swedish'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(jsonb_to_tsvector('swedish'::regconfig, sections, '[\"string\"]'::jsonb), 'B')"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE responses_utlatande ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({VECTOR}) STORED")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS utlatande_search_vector "
                          "ON responses_utlatande USING gin (search_vector)")
    schema_editor.execute("DROP INDEX IF EXISTS utlatande_fulltext_swedish")
    schema_editor.execute(lock_sql.POSTGRES_INSTALL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS utlatande_search_vector")
    schema_editor.execute("ALTER TABLE responses_utlatande DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):

    dependencies = [
        ("programs", "0003_fulltext_search_indexes"),
        ("responses", "0002_transition_action_and_lock"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
