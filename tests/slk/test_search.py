"""Full-text search on either database: stemming, ranking, snippets, read permissions;
on PostgreSQL also the GIN indexes and the candidate cap, on SQLite the FTS5 triggers.

Run on PostgreSQL by make test, and on SQLite by its second run (tests/slk/test_search*).
"""

import pytest
from django.db import connection
from django.urls import reverse

from programs import search_postgres
from programs.models import Recipient
from responses.models import State, Utlatande
from tracking import search

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                     reason="PostgreSQL's own indexes and cap")


def test_stemming_finds_inflected_forms(users, remiss, make_answer):
    kun = remiss.recipients.get(organisation__short="kun")
    answer = make_answer(kun, state=State.JUSTERAD,
                         synpunkter="Förvaltningen har inget att invända mot remissen.")
    hits = search.search_utlatanden(users["slk"], "remisserna")
    assert [h.obj.pk for h in hits] == [answer.pk]
    assert "<mark>remissen</mark>" in hits[0].snippet


def test_ranking_prefers_the_title_and_repetition(users, remiss, make_answer):
    kun, rik = remiss.recipients.order_by("organisation__short")
    weak = make_answer(kun, state=State.JUSTERAD, title="Svar på remiss om kvalitet",
                       synpunkter="Biblioteken nämns en gång.")
    strong = make_answer(rik, state=State.JUSTERAD, title="Biblioteken i stadsdelen",
                         synpunkter="Biblioteken är viktiga; bibliotekens öppettider och "
                                    "biblioteket som mötesplats.")
    hits = search.search_utlatanden(users["slk"], "bibliotek")
    assert [h.obj.pk for h in hits] == [strong.pk, weak.pk]
    assert hits[0].rank > hits[1].rank


def test_no_snippet_of_another_organisations_draft(client_for, users, remiss, make_answer):
    kun = remiss.recipients.get(organisation__short="kun")
    make_answer(kun, state=State.GRANSKNING,
                synpunkter="Konfidentiellt: budgetramen för kulturskolan minskar.")
    for key in ("handlaggare_b", "slk"):
        body = client_for(users[key]).get(reverse("programs:search"),
                                          {"q": "kulturskolan"}).content.decode()
        assert "budgetramen" not in body and "Inga svar matchar sökningen" in body
    body = client_for(users["handlaggare_a"]).get(reverse("programs:search"),
                                                  {"q": "kulturskolan"}).content.decode()
    assert "<mark>kulturskolan</mark>" in body


def test_joint_answer_visible_to_both_organisations(users, remiss, make_answer, orgs):
    kun, rik = remiss.recipients.order_by("organisation__short")
    answer = make_answer(kun, state=State.UTKAST, synpunkter="Gemensam arkivfråga.")
    answer.links.create(recipient=rik)
    assert [h.obj.pk for h in search.search_utlatanden(users["handlaggare_b"], "arkivfrågor")
            ] == [answer.pk]


@pytest.mark.parametrize("query", [
    "'); DROP TABLE responses_utlatande; --", "remiss & | ! <-> :*", "\"oavslutad fras",
    "-", "x" * 500, "<script>alert(1)</script>",
])
def test_odd_queries_are_harmless(client_for, users, remiss, make_answer, query):
    make_answer(remiss.recipients.first(), state=State.JUSTERAD, synpunkter="Remiss.")
    response = client_for(users["slk"]).get(reverse("programs:search"), {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_snippets_escape_html(users, remiss, make_answer):
    make_answer(remiss.recipients.first(), state=State.JUSTERAD,
                synpunkter="Trafiken &amp; <strong>parkeringen</strong> kring skolan.")
    hit = search.search_utlatanden(users["slk"], "parkering")[0]
    assert "<strong>" not in hit.snippet
    assert "<mark>parkeringen</mark>" in hit.snippet and "&amp;" in hit.snippet


def test_remisser_are_searched_with_visibility(users, remiss, draft):
    remiss.description = "Programmet handlar om brukarnas delaktighet."
    remiss.save()
    draft.description = "Lokalförsörjningen och brukarnas lokaler."
    draft.save()
    slk = {h.obj.pk for h in search.search_remisser(users["slk"], "brukare")}
    assert slk == {remiss.pk, draft.pk}
    others = {h.obj.pk for h in search.search_remisser(users["handlaggare_a"], "brukare")}
    assert others == {remiss.pk}


@postgresql_only
def test_gin_indexes_exist_and_are_used(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname IN "
                       "('utlatande_search_vector', 'remiss_fulltext_swedish')")
        assert {r[0] for r in cursor.fetchall()} == {"utlatande_search_vector",
                                                      "remiss_fulltext_swedish"}
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN SELECT id FROM responses_utlatande WHERE "
                       f"({search_postgres.UTLATANDE_DOCUMENT}) @@ {search_postgres.TSQUERY}",
                       ["remiss"])
        plan = " ".join(r[0] for r in cursor.fetchall())
        cursor.execute(f"EXPLAIN SELECT id FROM programs_remiss WHERE "
                       f"({search_postgres.REMISS_DOCUMENT}) @@ {search_postgres.TSQUERY}",
                       ["'2021/866'"])
        remiss_plan = " ".join(r[0] for r in cursor.fetchall())
    assert "utlatande_search_vector" in plan
    assert "remiss_fulltext_swedish" in remiss_plan  # the expression matches migration 0006


def test_index_follows_each_save_and_the_lock_still_holds(users, remiss, make_answer):
    kun = remiss.recipients.get(organisation__short="kun")
    answer = make_answer(kun, state=State.BESLUTAD, synpunkter="Inget om cyklar.")
    assert not search.search_utlatanden(users["slk"], "kollektivtrafiken")
    answer.sections[1]["html"] = "<p>Kollektivtrafiken behöver byggas ut.</p>"
    answer.save()
    assert [h.obj.pk for h in search.search_utlatanden(users["slk"], "kollektivtrafik")] == [
        answer.pk]
    # Moving a justerad answer on to besvarad is still allowed by the lock trigger.
    Utlatande.objects.filter(pk=answer.pk).update(state=State.JUSTERAD)
    Utlatande.objects.filter(pk=answer.pk).update(state=State.BESVARAD)
    assert Utlatande.objects.get(pk=answer.pk).state == State.BESVARAD


def test_a_very_common_word_is_ranked_among_the_most_recent_matches(
        client_for, users, remiss, orgs, make_answer, monkeypatch):
    Recipient.objects.create(remiss=remiss, organisation=orgs["ks"])
    oldest, *newer = remiss.recipients.order_by("organisation__short")
    best = make_answer(oldest, state=State.JUSTERAD, title="Biblioteken",
                       synpunkter="Biblioteken, biblioteken och biblioteken.")
    weak = [make_answer(r, state=State.JUSTERAD, synpunkter="Biblioteken nämns.") for r in newer]
    everything = search.search_utlatanden(users["slk"], "bibliotek")
    assert [h.obj.pk for h in everything][0] == best.pk and not everything.capped
    monkeypatch.setattr(search, "CANDIDATES", 2)
    recent = search.search_utlatanden(users["slk"], "bibliotek")
    assert {h.obj.pk for h in recent} == {u.pk for u in weak} and recent.capped
    body = client_for(users["slk"]).get(reverse("programs:search"),
                                        {"q": "bibliotek"}).content.decode()
    assert "bara de senaste träffarna har rangordnats" in body
