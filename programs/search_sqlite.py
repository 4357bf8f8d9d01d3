"""Full-text search on SQLite: FTS5 tables of Swedish stems, kept in step by triggers.

FTS5 cannot stem Swedish, so the text is analysed in Python (programs.search_text) and
FTS5 indexes the stems. Triggers on the document tables call two SQL functions that every
Django connection registers (register_functions), so each INSERT, UPDATE (even through
QuerySet.update()) and DELETE updates the index in the same transaction. Installed by
programs migration 0006 and again after every migrate, because SQLite drops a table's
triggers when a migration rebuilds the table.
"""

from django.db.models import FloatField
from django.db.models.expressions import RawSQL

from . import search_text

TEXT_FUNCTION = "remiss_search_text"
JSON_FUNCTION = "remiss_search_json"
# Stems are space separated; these characters hold a token together (2021/866, e-post).
TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '-_/.@+'"
# bm25 weight of the title column against the body (PostgreSQL: weight A against B).
TITLE_WEIGHT = 4.0


class Index:
    """One FTS5 table mirroring the title and body of one document table."""

    def __init__(self, name: str, table: str, title: str, body: str, columns: tuple[str, ...]):
        self.name, self.table, self.title, self.body = name, table, title, body
        self.columns = columns  # the source columns whose change re-indexes the row

    def create_sql(self) -> list[str]:
        return [f'CREATE VIRTUAL TABLE IF NOT EXISTS "{self.name}" USING fts5('
                f'title, body, tokenize="{TOKENIZE}")']

    def _insert(self, row: str) -> str:
        return (f'INSERT INTO "{self.name}"(rowid, title, body) VALUES ({row}.id, '
                f'{self.title.format(row=row)}, {self.body.format(row=row)});')

    def trigger_sql(self) -> list[str]:
        changed = " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in self.columns)
        delete = f'DELETE FROM "{self.name}" WHERE rowid = OLD.id;'
        return [
            *self.drop_triggers_sql(),
            f'CREATE TRIGGER "{self.name}_insert" AFTER INSERT ON "{self.table}" '
            f'BEGIN {self._insert("NEW")} END',
            f'CREATE TRIGGER "{self.name}_update" AFTER UPDATE ON "{self.table}" '
            f'WHEN {changed} OR NEW.id IS NOT OLD.id BEGIN {delete} {self._insert("NEW")} END',
            f'CREATE TRIGGER "{self.name}_delete" AFTER DELETE ON "{self.table}" '
            f'BEGIN {delete} END',
        ]

    def drop_triggers_sql(self) -> list[str]:
        return [f'DROP TRIGGER IF EXISTS "{self.name}_{event}"'
                for event in ("insert", "update", "delete")]

    def rebuild_sql(self) -> list[str]:
        return [f'DELETE FROM "{self.name}"',
                f'INSERT INTO "{self.name}"(rowid, title, body) SELECT id, '
                f'{self.title.format(row=self.table)}, {self.body.format(row=self.table)} '
                f'FROM "{self.table}"']

    def drop_sql(self) -> list[str]:
        return [*self.drop_triggers_sql(), f'DROP TABLE IF EXISTS "{self.name}"']

    def rank(self, match: str) -> RawSQL:
        """-bm25 of the row (higher is better), NULL where the row does not match."""
        return RawSQL(f'(SELECT -bm25("{self.name}", {TITLE_WEIGHT}, 1.0) FROM "{self.name}" '
                      f'WHERE "{self.name}" MATCH %s AND "{self.name}".rowid = '
                      f'"{self.table}"."id")', [match], output_field=FloatField())

    def matching_ids(self, match: str) -> RawSQL:
        return RawSQL(f'SELECT rowid FROM "{self.name}" WHERE "{self.name}" MATCH %s', [match])


UTLATANDE = Index(
    "programs_search_utlatande", "responses_utlatande",
    title=f'{TEXT_FUNCTION}({{row}}."title")', body=f'{JSON_FUNCTION}({{row}}."sections")',
    columns=("title", "sections"))
REMISS = Index(
    "programs_search_remiss", "programs_remiss",
    title=f"{TEXT_FUNCTION}({{row}}.\"title\" || ' ' || {{row}}.\"ks_dnr\")",
    body=f'{TEXT_FUNCTION}({{row}}."description")',
    columns=("title", "ks_dnr", "description"))
INDEXES = (UTLATANDE, REMISS)


def register_functions(sender=None, connection=None, **kwargs) -> None:
    """connection_created receiver: the analysers the triggers call."""
    if connection is None or connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function(TEXT_FUNCTION, 1, search_text.indexed_text, deterministic=True)
    raw.create_function(JSON_FUNCTION, 1, search_text.indexed_json, deterministic=True)


def _execute(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection, *, rebuild: bool = True) -> None:
    """Create the tables and triggers (idempotent) and, by default, refill the index."""
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    for index in INDEXES:
        if index.table not in tables:
            continue
        _execute(connection, index.create_sql() + index.trigger_sql()
                 + (index.rebuild_sql() if rebuild else []))


def uninstall(connection) -> None:
    if connection.vendor != "sqlite":
        return
    for index in INDEXES:
        _execute(connection, index.drop_sql())


def reinstall_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate: triggers back on rebuilt tables, and an index that matches them."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite" and UTLATANDE.name in connection.introspection.table_names():
        install(connection)
