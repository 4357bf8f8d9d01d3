"""GIN indexes for full-text search (PostgreSQL only; SQLite uses a plain fallback).

The expressions must stay identical to those in programs/search.py, or the planner
will not use the indexes.
"""

from django.db import migrations

UTLATANDE_INDEX = (
    "CREATE INDEX IF NOT EXISTS utlatande_fulltext_swedish ON responses_utlatande USING gin (("
    "setweight(to_tsvector('swedish'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(jsonb_to_tsvector('swedish'::regconfig, sections, '[\"string\"]'::jsonb), 'B')"
    "))"
)
REMISS_INDEX = (
    "CREATE INDEX IF NOT EXISTS remiss_fulltext_swedish ON programs_remiss USING gin (("
    "setweight(to_tsvector('swedish'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('swedish'::regconfig, coalesce(description, '')), 'B')"
    "))"
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(UTLATANDE_INDEX)
    schema_editor.execute(REMISS_INDEX)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS utlatande_fulltext_swedish")
    schema_editor.execute("DROP INDEX IF EXISTS remiss_fulltext_swedish")


class Migration(migrations.Migration):

    dependencies = [
        ("programs", "0002_anstand_requests_and_document_type"),
        ("responses", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
