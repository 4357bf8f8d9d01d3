"""Full-text search on SQLite: FTS5 tables of Swedish stems, kept in step by triggers.

FTS5 cannot stem Swedish, so the text is analysed in Python (programs.search_text) and
FTS5 indexes the stems. Triggers on the document tables call two SQL functions that every
Django connection registers (register_functions), so each INSERT, UPDATE (even through
QuerySet.update()) and DELETE updates the index in the same transaction. Installed by
programs migration 0006 and again after every migrate, because SQLite drops a table's
triggers when a migration rebuilds the table.
"""

from django.db import connection
from django.db.models.expressions import RawSQL

from . import search_text

TEXT_FUNCTION = "remiss_search_text"
JSON_FUNCTION = "remiss_search_json"
NAMES_FUNCTION = "remiss_search_names"
# Stems are space separated; these characters hold a token together (2021/866, e-post).
TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '-_/.@+'"


class Index:
    """One FTS5 table mirroring one document table; rowid is the document's id.

    `fields`: (FTS5 column, SQL of its stems with {row} for the row, rank weight); the
    weights are PostgreSQL's for A, B and C, as ts_rank_cd uses them.
    """

    def __init__(self, name: str, table: str, fields: tuple[tuple[str, str, float], ...],
                 columns: tuple[str, ...]):
        self.name, self.table, self.fields = name, table, fields
        self.columns = columns  # the source columns whose change re-indexes the row

    def create_sql(self) -> list[str]:
        names = ", ".join(name for name, _sql, _weight in self.fields)
        return [f'DROP TABLE IF EXISTS "{self.name}"',
                f'CREATE VIRTUAL TABLE "{self.name}" USING fts5({names}, '
                f'tokenize="{TOKENIZE}")']

    def _values(self, row: str) -> str:
        return ", ".join(sql.format(row=row) for _name, sql, _weight in self.fields)

    def _insert(self, row: str) -> str:
        names = ", ".join(name for name, _sql, _weight in self.fields)
        return (f'INSERT INTO "{self.name}"(rowid, {names}) VALUES ({row}.id, '
                f'{self._values(row)});')

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
        names = ", ".join(name for name, _sql, _weight in self.fields)
        return [f'DELETE FROM "{self.name}"',
                f'INSERT INTO "{self.name}"(rowid, {names}) SELECT id, '
                f'{self._values(self.table)} FROM "{self.table}"']

    def drop_sql(self) -> list[str]:
        return [*self.drop_triggers_sql(), f'DROP TABLE IF EXISTS "{self.name}"']

    def scores(self, ids: list[int], exact: frozenset[str], prefixes: tuple[str, ...]
               ) -> dict[int, float]:
        """Rank like ts_rank_cd without normalisation: every occurrence of a searched word
        counts with its column's weight, so the answer that discusses a word most comes
        first on either database (FTS5's bm25 would favour the shortest)."""
        def count(stems: str) -> int:
            return sum(1 for t in stems.split()
                       if t in exact or any(t.startswith(p) for p in prefixes))

        names = ", ".join(name for name, _sql, _weight in self.fields)
        weights = [weight for _name, _sql, weight in self.fields]
        result = {}
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                cursor.execute(f'SELECT rowid, {names} FROM "{self.name}" WHERE rowid IN '
                               f'({", ".join(["%s"] * len(chunk))})', chunk)
                for pk, *texts in cursor.fetchall():
                    result[pk] = sum(w * count(t) for w, t in zip(weights, texts, strict=True))
        return result

    def matching_ids(self, match: str) -> RawSQL:
        return RawSQL(f'SELECT rowid FROM "{self.name}" WHERE "{self.name}" MATCH %s', [match])


A, B, C = 1.0, 0.4, 0.2
UTLATANDE = Index(
    "programs_search_utlatande", "responses_utlatande", (
        ("title", f"{TEXT_FUNCTION}({{row}}.\"title\" || ' ' || {{row}}.\"own_dnr\")", A),
        ("body", f'{JSON_FUNCTION}({{row}}."sections")', B),
        ("names", f'{NAMES_FUNCTION}({{row}}."handlaggare") || \' \' || '
                  f'{NAMES_FUNCTION}({{row}}."signatories")', C),
    ), columns=("title", "own_dnr", "sections", "handlaggare", "signatories"))
REMISS = Index(
    "programs_search_remiss", "programs_remiss", (
        ("title", f"{TEXT_FUNCTION}({{row}}.\"title\" || ' ' || {{row}}.\"ks_dnr\")", A),
        ("body", f'{TEXT_FUNCTION}({{row}}."description")', B),
    ), columns=("title", "ks_dnr", "description"))
INDEXES = (UTLATANDE, REMISS)


def register_functions(sender=None, connection=None, **kwargs) -> None:
    """connection_created receiver: the analysers the triggers call."""
    if connection is None or connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function(TEXT_FUNCTION, 1, search_text.indexed_text, deterministic=True)
    raw.create_function(JSON_FUNCTION, 1, search_text.indexed_json, deterministic=True)
    raw.create_function(NAMES_FUNCTION, 1, search_text.indexed_names, deterministic=True)


def _execute(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection) -> None:
    """(Re)create the tables from the rows there, and the triggers; idempotent."""
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    for index in INDEXES:
        if index.table not in tables:
            continue
        _execute(connection, index.create_sql() + index.rebuild_sql() + index.trigger_sql())


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
