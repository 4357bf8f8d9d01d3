"""SQLite's full-text index (FTS5 over Snowball stems) and its agreement with PostgreSQL.

The index tests run in make test's SQLite run; the agreement test on PostgreSQL, where
the `swedish` configuration is the reference the Python analysis imitates.
"""

import pytest
from django.db import connection
from hypothesis import example, given
from hypothesis import strategies as st

from programs import search_query, search_sqlite, search_text
from programs.models import Remiss
from responses.models import State, Utlatande
from tests.hypothesis_profiles import examples
from tracking import search

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                     reason="PostgreSQL is the reference")

SWEDISH = (
    "Kulturförvaltningen har tagit del av remissen om stadens program för "
    "kvalitetsutveckling (KS 2021/866, 174-742/2016 och KS-dnr 009-1322/2011). "
    "Förslaget bör lyfta fram levande kulturmiljöer; kommun-styrelsen och e-post till "
    "registrator.kultur@stockholm.se eller www.stockholm.se senast 2026-11-28. "
    "Östermalms stadsdelsförvaltning, SDF:s synpunkter, 3,5 procent, själva biblioteken, "
    "förvaltningen/nämnden, bl.a. t.ex. kvalité och KVALITETEN i Äldreförvaltningens arbete."
)


def _index_rows(index) -> dict[int, tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT rowid, title, body FROM "{index.name}"')
        return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


@postgresql_only
def test_the_python_analysis_gives_postgresqls_lexemes(db):
    """snowballstemmer is pinned to the Snowball release of PostgreSQL's stemmer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('swedish', %s)::text", [SWEDISH])
        vector = cursor.fetchone()[0]
    expected = {}
    for item in vector.split(" "):
        lexeme, _, positions = item.rpartition(":")
        for position in positions.split(","):
            expected[int(position)] = lexeme.strip("'")
    ours = {i: term for i, term in enumerate(search_text.terms(SWEDISH), start=1)
            if not term.startswith(search_text.STOP)}
    assert ours == expected


@postgresql_only
def test_every_query_of_the_language_is_valid_tsquery(db):
    with connection.cursor() as cursor:
        for query in ('"levande kulturmiljöer" -kvalitet kvalitet* or KS 2021/866',
                      "SDF:s 174-742/2016 -\"och\" o'brien \\ & | ! ( ) <-> :*"):
            cursor.execute("SELECT to_tsquery('swedish', %s)::text",
                           [search_query.to_tsquery(search_query.parse(query))])
            assert cursor.fetchone()[0]


@sqlite_only
def test_every_write_keeps_the_index_in_step(users, remiss, make_answer):
    kun = remiss.recipients.get(organisation__short="kun")
    answer = make_answer(kun, state=State.UTKAST, synpunkter="Biblioteken behöver lokaler.")
    assert [h.obj.pk for h in search.search_utlatanden(users["handlaggare_a"], "bibliotek")
            ] == [answer.pk]
    # QuerySet.update() sends no signal: the trigger still re-indexes the row.
    Utlatande.objects.filter(pk=answer.pk).update(title="Svar om fritidsgårdarna")
    assert search.search_utlatanden(users["handlaggare_a"], "fritidsgård")
    # A change of state alone leaves the index row alone (the trigger's WHEN).
    before = _index_rows(search_sqlite.UTLATANDE)[answer.pk]
    Utlatande.objects.filter(pk=answer.pk).update(state=State.GRANSKNING)
    assert _index_rows(search_sqlite.UTLATANDE)[answer.pk] == before
    answer.delete()
    assert answer.pk not in _index_rows(search_sqlite.UTLATANDE)


@sqlite_only
def test_remiss_index_holds_title_dnr_and_description(remiss):
    Remiss.objects.filter(pk=remiss.pk).update(description="Om brukarnas delaktighet.")
    title, body = _index_rows(search_sqlite.REMISS)[remiss.pk]
    assert search_text.terms(remiss.ks_dnr)[-1] in title.split()
    assert body.split()[-2:] == ["bruk", "delakt"]


@sqlite_only
def test_install_rebuilds_an_index_that_lost_its_triggers(users, remiss, make_answer):
    """What migrate does after a migration rebuilt the table (SQLite drops its triggers)."""
    with connection.cursor() as cursor:
        for statement in search_sqlite.UTLATANDE.drop_triggers_sql():
            cursor.execute(statement)
    answer = make_answer(remiss.recipients.first(), state=State.BESLUTAD,
                         synpunkter="Arkivfrågorna.")
    assert answer.pk not in _index_rows(search_sqlite.UTLATANDE)
    search_sqlite.install(connection)
    assert [h.obj.pk for h in search.search_utlatanden(users["slk"], "arkivfråga")] == [
        answer.pk]
    answer.sections[1]["html"] = "<p>Något annat.</p>"
    Utlatande.objects.filter(pk=answer.pk).update(sections=answer.sections)
    assert not search.search_utlatanden(users["slk"], "arkivfråga")


@sqlite_only
def test_odd_characters_reach_fts5_only_as_quoted_tokens(users, remiss, make_answer):
    make_answer(remiss.recipients.first(), state=State.JUSTERAD, synpunkter="Remiss.")
    for query in ('NEAR(a b) "', "remiss) OR (x", "col:remiss", "^remiss", "remiss + x",
                  "* -* \"\" --remiss", "AND OR NOT"):
        search.search_utlatanden(users["slk"], query)  # no OperationalError


QUERY_ALPHABET = st.sampled_from(list('ab åäöé"-*():^+/.@_\'\\&|!<>~') + ["or", "OR", "och",
                                                                         "NOT", "NEAR"])


@examples(60)
@given(st.lists(QUERY_ALPHABET, max_size=30).map("".join))
@example('"a" -"" * --a OR or "')
def test_any_query_runs_on_the_database(db_session_user, query):
    """Whatever is typed reaches the database only as a valid query (no syntax error)."""
    search.search_utlatanden(db_session_user, query)
    search.search_remisser(db_session_user, query)


@pytest.fixture
def db_session_user(users):
    return users["slk"]
