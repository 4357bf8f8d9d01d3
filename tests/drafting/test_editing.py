"""Saving drafts: optimistic locking (also across two database connections), sanitising,
the 409 conflict page and the refusal to edit documents that left utkast."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.urls import reverse

from responses import workflow
from responses.editing import Conflict, NotEditable, save_draft
from responses.models import State, Utlatande
from tests.conftest import PASSWORD

from .helpers import editor_post


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def synpunkter_key(utlatande):
    return next(s["key"] for s in utlatande.sections if s["kind"] == "synpunkter")


def test_save_increments_version_and_records_history(draft, users):
    key = synpunkter_key(draft)
    sections = [{**s, "html": "<p>Ny text</p>"} if s["key"] == key else s
                for s in draft.sections]
    saved = save_draft(draft, expected_version=1, changes={"sections": sections},
                       user=users["handlaggare_a"])
    assert saved.version == 2
    assert saved.history.first().history_user == users["handlaggare_a"]
    assert saved.history.first().sections == sections


def test_stale_version_is_a_conflict_and_changes_nothing(draft, users):
    save_draft(draft, expected_version=1, changes={"title": "Först"},
               user=users["handlaggare_a"])
    with pytest.raises(Conflict) as caught:
        save_draft(draft, expected_version=1, changes={"title": "Sen"},
                   user=users["handlaggare_a"])
    assert caught.value.current.title == "Först"
    assert Utlatande.objects.get(pk=draft.pk).title == "Först"


def test_save_after_leaving_utkast_is_refused(draft, users):
    workflow.apply(draft, "skicka_till_granskning", users["handlaggare_a"])
    with pytest.raises(NotEditable):
        save_draft(draft, expected_version=draft.version, changes={"title": "X"},
                   user=users["handlaggare_a"])


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_in_two_connections_exactly_one_wins(draft, users):
    """Both editors loaded version 1; both save at once from separate connections."""
    key = synpunkter_key(draft)
    barrier = threading.Barrier(2)
    outcome = {}

    def editor(name):
        sections = [{**s, "html": f"<p>Text av {name}</p>"} if s["key"] == key else s
                    for s in draft.sections]
        try:
            with transaction.atomic():
                barrier.wait(timeout=10)
                save_draft(Utlatande(pk=draft.pk), expected_version=1,
                           changes={"sections": sections}, user=users["handlaggare_a"])
                # Hold the row lock so that the other save really runs concurrently.
                time.sleep(0.5)
            outcome[name] = "saved"
        except Conflict as conflict:
            outcome[name] = conflict
        finally:
            connection.close()

    threads = [threading.Thread(target=editor, args=(n,)) for n in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    winners = [n for n, r in outcome.items() if r == "saved"]
    losers = [r for r in outcome.values() if isinstance(r, Conflict)]
    assert len(winners) == 1 and len(losers) == 1
    stored = Utlatande.objects.get(pk=draft.pk)
    assert stored.version == 2
    text = next(s["html"] for s in stored.sections if s["key"] == key)
    assert text == f"<p>Text av {winners[0]}</p>"
    # The loser is told what the winner saved, so it can merge.
    assert next(s["html"] for s in losers[0].current.sections if s["key"] == key) == text


def test_second_browser_save_gets_409_with_both_versions_and_no_text_lost(client, users,
                                                                         draft):
    login(client, users["handlaggare_a"])
    key = synpunkter_key(draft)
    url = reverse("responses:edit", args=[draft.pk])
    first = editor_post(draft, **{f"html_{key}": "<p>Kollegans formulering</p>"})
    mine = editor_post(draft, **{f"html_{key}": "<p>Min egen formulering</p>"})
    assert client.post(url, first).status_code == 302
    response = client.post(url, mine)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Kollegans formulering" in body and "Min egen formulering" in body
    assert "Sparad version" in body and "Din version" in body
    # The merge form carries the stored version number, so saving it wins.
    stored = Utlatande.objects.get(pk=draft.pk)
    assert f'name="version" value="{stored.version}"' in body
    merged = editor_post(stored, **{f"html_{key}": "<p>Kollegans och min formulering</p>"})
    assert client.post(url, merged).status_code == 302
    stored.refresh_from_db()
    assert "Kollegans och min" in next(s["html"] for s in stored.sections if s["key"] == key)
    assert stored.history.count() == 3


def test_conflict_merge_takes_the_saved_text_per_section(client, users, draft):
    """Two sections changed by both: keep the colleague's text in one, mine in the other."""
    login(client, users["handlaggare_a"])
    url = reverse("responses:edit", args=[draft.pk])
    key = synpunkter_key(draft)
    other = next(s["key"] for s in draft.sections if s["key"] != key)
    theirs = {f"html_{key}": "<p>Kollegans synpunkter</p>",
              f"html_{other}": "<p>Kollegans sammanfattning</p>"}
    assert client.post(url, editor_post(draft, **theirs)).status_code == 302
    mine = {f"html_{key}": "<p>Mina synpunkter</p>", f"html_{other}": "<p>Min sammanfattning</p>"}
    body = client.post(url, editor_post(draft, **mine)).content.decode()
    # Both changed sections offer the choice; the merge form holds my text.
    assert body.count('name="saved_') == 2 and f'name="saved_{key}"' in body
    stored = Utlatande.objects.get(pk=draft.pk)
    merged = editor_post(stored, **mine, **{f"saved_{key}": "on"})
    assert client.post(url, merged).status_code == 302
    stored.refresh_from_db()
    html = {s["key"]: s["html"] for s in stored.sections}
    assert "Kollegans synpunkter" in html[key] and "Min sammanfattning" in html[other]
    assert [s["key"] for s in stored.sections] == [s["key"] for s in draft.sections]


def test_autosave_json(client, users, draft):
    login(client, users["handlaggare_a"])
    url = reverse("responses:autosave", args=[draft.pk])
    key = synpunkter_key(draft)
    response = client.post(url, editor_post(draft, **{f"html_{key}": "<p>Auto</p>"}))
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert len(response.json()["saved_at"]) == 5  # "14:32"
    stale = client.post(url, editor_post(draft, **{f"html_{key}": "<p>Gammal</p>"}))
    assert stale.status_code == 409 and stale.json()["conflict"] is True
    assert "Auto" in next(s["html"] for s in Utlatande.objects.get(pk=draft.pk).sections
                          if s["key"] == key)


def test_script_and_style_are_removed_before_storing(client, users, draft):
    login(client, users["handlaggare_a"])
    key = synpunkter_key(draft)
    evil = ('<p style="color:red" onclick="x()">Hej<script>alert(1)</script></p>'
            '<style>p{}</style><ul><li>punkt</li></ul><a href="javascript:alert(1)">l</a>'
            '<img src=x onerror=alert(1)>')
    client.post(reverse("responses:edit", args=[draft.pk]),
                editor_post(draft, **{f"html_{key}": evil, "title": "<b>Rubrik</b>"}))
    stored = Utlatande.objects.get(pk=draft.pk)
    html = next(s["html"] for s in stored.sections if s["key"] == key)
    assert "script" not in html and "style" not in html and "onclick" not in html
    assert "javascript" not in html and "<img" not in html
    assert "<ul><li>punkt</li></ul>" in html
    page = client.get(stored.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Rubrik&lt;/b&gt;" in page  # plain fields are escaped


def test_decision_points_and_signatories_are_ordered_lists(client, users, draft):
    login(client, users["handlaggare_a"])
    client.post(reverse("responses:edit", args=[draft.pk]), editor_post(
        draft, decision_points="Första punkten\n\nAndra punkten\n",
        signatories="Per Ekström, Förvaltningschef\nAnna Berg, Avdelningschef",
        stance="tillstyrker_med_synpunkter"))
    stored = Utlatande.objects.get(pk=draft.pk)
    assert stored.decision_points == ["Första punkten", "Andra punkten"]
    assert stored.signatories == [{"name": "Per Ekström", "title": "Förvaltningschef"},
                                  {"name": "Anna Berg", "title": "Avdelningschef"}]
    assert stored.stance == "tillstyrker_med_synpunkter"


def test_add_and_remove_sections(client, users, draft):
    login(client, users["handlaggare_a"])
    url = reverse("responses:edit", args=[draft.pk])
    client.post(url, editor_post(draft, add_section="1"))
    stored = Utlatande.objects.get(pk=draft.pk)
    assert len(stored.sections) == 5 and stored.sections[-1]["heading"] == "Nytt avsnitt"
    new_key = stored.sections[-1]["key"]
    client.post(url, editor_post(stored, **{f"remove_{new_key}": "on"}))
    assert len(Utlatande.objects.get(pk=draft.pk).sections) == 4


def test_edit_of_a_document_in_review_is_refused_with_text_shown(client, users, draft):
    login(client, users["handlaggare_a"])
    stale = editor_post(draft, **{f"html_{synpunkter_key(draft)}": "<p>Sent tillägg</p>"})
    workflow.apply(draft, "skicka_till_granskning", users["handlaggare_a"])
    response = client.post(reverse("responses:edit", args=[draft.pk]), stale)
    assert response.status_code == 409
    assert "Sent tillägg" in response.content.decode()
    assert "Sent tillägg" not in str(Utlatande.objects.get(pk=draft.pk).sections)
    assert client.get(reverse("responses:edit", args=[draft.pk])).status_code == 302


def test_title_cannot_be_emptied(client, users, draft):
    login(client, users["handlaggare_a"])
    response = client.post(reverse("responses:edit", args=[draft.pk]),
                           editor_post(draft, title=""))
    assert response.status_code == 400
    assert Utlatande.objects.get(pk=draft.pk).title == draft.title


def test_state_is_unchanged_by_editor(client, users, draft):
    login(client, users["handlaggare_a"])
    client.post(reverse("responses:edit", args=[draft.pk]),
                editor_post(draft, state="besvarad"))
    assert Utlatande.objects.get(pk=draft.pk).state == State.UTKAST
