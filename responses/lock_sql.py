"""The database lock on justerad and besvarad documents (installed by migration 0002).

A locked row may only move justerad → besvarad and get its archived PDF; every other
UPDATE and every DELETE is refused by the database itself, whatever code runs.
"""

LOCKED = ("justerad", "besvarad")
# Columns that may still change on a locked row (workflow bookkeeping, archive, owner SET_NULL).
WRITABLE = ("state", "version", "updated_at", "archived_pdf", "archived_sha256",
            "archived_at", "owner_id",
            # generated from the text (programs migration 0004); not readable in a BEFORE
            # trigger, and it only changes when the text does, which is refused anyway
            "search_vector")
MESSAGE = "Dokumentet är justerat och låst."

_LOCKED_SQL = ", ".join(f"'{s}'" for s in LOCKED)
_WRITABLE_SQL = ", ".join(f"'{c}'" for c in WRITABLE)

POSTGRES_INSTALL = f"""
CREATE OR REPLACE FUNCTION responses_utlatande_lock() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.state IN ({_LOCKED_SQL}) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.state IN ({_LOCKED_SQL}) THEN
        IF NEW.state IS DISTINCT FROM OLD.state
           AND NOT (OLD.state = 'justerad' AND NEW.state = 'besvarad') THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (to_jsonb(NEW) - ARRAY[{_WRITABLE_SQL}])
           IS DISTINCT FROM (to_jsonb(OLD) - ARRAY[{_WRITABLE_SQL}]) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS responses_utlatande_lock ON responses_utlatande;
CREATE TRIGGER responses_utlatande_lock BEFORE UPDATE OR DELETE ON responses_utlatande
    FOR EACH ROW EXECUTE FUNCTION responses_utlatande_lock();
"""

POSTGRES_REMOVE = """
DROP TRIGGER IF EXISTS responses_utlatande_lock ON responses_utlatande;
DROP FUNCTION IF EXISTS responses_utlatande_lock();
"""


def sqlite_install(columns: list[str]) -> list[str]:
    """SQLite has no row-to-JSON: compare every column that is not writable."""
    checked = [c for c in columns if c not in WRITABLE]
    changed = " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in checked)
    return [
        "DROP TRIGGER IF EXISTS responses_utlatande_lock_update",
        "DROP TRIGGER IF EXISTS responses_utlatande_lock_delete",
        f"""CREATE TRIGGER responses_utlatande_lock_update BEFORE UPDATE ON responses_utlatande
        WHEN OLD.state IN ({_LOCKED_SQL}) AND (({changed})
             OR (NEW.state IS NOT OLD.state
                 AND NOT (OLD.state = 'justerad' AND NEW.state = 'besvarad')))
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        f"""CREATE TRIGGER responses_utlatande_lock_delete BEFORE DELETE ON responses_utlatande
        WHEN OLD.state IN ({_LOCKED_SQL})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    ]


SQLITE_REMOVE = ["DROP TRIGGER IF EXISTS responses_utlatande_lock_update",
                 "DROP TRIGGER IF EXISTS responses_utlatande_lock_delete"]


def install(connection) -> None:
    """(Re)create the lock; idempotent. Also run after every migrate, because SQLite drops
    a table's triggers whenever a migration rebuilds the table."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_INSTALL)
        elif connection.vendor == "sqlite":
            columns = [c.name for c in connection.introspection.get_table_description(
                cursor, "responses_utlatande")]
            for statement in sqlite_install(columns):
                cursor.execute(statement)


def reinstall_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    connection = connections[using]
    if "responses_utlatande" in connection.introspection.table_names():
        install(connection)
