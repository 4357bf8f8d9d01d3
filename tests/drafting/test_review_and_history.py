"""Review comments with e-mail to the author; versions, diffs, restore; help panel."""

import pytest
from django.core import mail
from django.urls import reverse

from programs.models import Recipient, Remiss, RemissStatus
from responses import workflow
from responses.checklist import check
from responses.diff import html_to_text, section_pairs, word_diff
from responses.editing import save_draft
from responses.models import ReviewComment, State, Utlatande
from tests.conftest import PASSWORD

from .conftest import make_draft
from .helpers import editor_post


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_comment_is_anchored_and_mails_the_author(client, users, draft,
                                                  django_capture_on_commit_callbacks):
    workflow.apply(draft, "skicka_till_granskning", users["handlaggare_a"])
    login(client, users["granskare"])
    key = draft.sections[0]["key"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("responses:comment_add", args=[draft.pk]),
                    {"section_key": key, "text": "Korta ner sammanfattningen."})
    comment = ReviewComment.objects.get()
    assert comment.section_key == key and comment.author == users["granskare"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [users["handlaggare_a"].email]
    assert "Korta ner sammanfattningen." in mail.outbox[0].body
    assert "Sammanfattning" in mail.outbox[0].body
    page = client.get(draft.get_absolute_url()).content.decode()
    assert f'id="kommentar-{comment.pk}"' in page


def test_comment_on_unknown_section_is_refused(client, users, draft):
    login(client, users["granskare"])
    client.post(reverse("responses:comment_add", args=[draft.pk]),
                {"section_key": "finnsinte", "text": "x"})
    assert not ReviewComment.objects.exists()


def test_resolving_a_comment(client, users, draft):
    comment = ReviewComment.objects.create(utlatande=draft, author=users["granskare"],
                                           text="Fixa")
    login(client, users["handlaggare_a"])
    client.post(reverse("responses:comment_resolve", args=[draft.pk, comment.pk]))
    comment.refresh_from_db()
    assert comment.resolved_at is not None and comment.resolved_by == users["handlaggare_a"]


def test_word_diff_marks_changed_words_only():
    diff = word_diff("Nämnden ställer sig bakom förslaget", "Nämnden ställer sig inte bakom")
    assert ("insert", "inte ") in diff
    assert ("delete", " förslaget") in diff or ("delete", "förslaget") in diff
    assert diff[0] == ("equal", "Nämnden ställer sig ")


def test_html_to_text_keeps_blocks_and_list_items():
    assert html_to_text("<p>Ett &amp; två</p><ul><li>a</li><li>b</li></ul>") == (
        "Ett & två\n• a\n• b")


def test_section_pairs_by_key():
    old = [{"key": "a", "heading": "A", "html": "<p>x</p>"},
           {"key": "b", "heading": "B", "html": "<p>y</p>"}]
    new = [{"key": "a", "heading": "A", "html": "<p>x z</p>"},
           {"key": "c", "heading": "C", "html": "<p>n</p>"}]
    assert [(p["key"], p["status"]) for p in section_pairs(old, new)] == [
        ("a", "changed"), ("c", "added"), ("b", "removed")]


def test_history_lists_versions_and_compare_shows_word_diff(client, users, draft):
    key = draft.sections[3]["key"]
    sections = [{**s, "html": "<p>Förvaltningen tillstyrker förslaget.</p>"}
                if s["key"] == key else s for s in draft.sections]
    save_draft(draft, expected_version=1, changes={"sections": sections},
               user=users["handlaggare_a"])
    login(client, users["handlaggare_a"])
    body = client.get(reverse("responses:history", args=[draft.pk])).content.decode()
    assert body.count("Återställ som ny ändring") == 1
    assert users["handlaggare_a"].get_full_name() in body
    body = client.get(reverse("responses:compare", args=[draft.pk])).content.decode()
    assert "<ins>" in body and "tillstyrker" in body
    assert "<del>" in body


def test_restore_an_old_version_as_a_new_edit(client, users, draft):
    original = draft.sections
    first = draft.history.earliest("history_date")
    saved = save_draft(draft, expected_version=1,
                       changes={"sections": [], "title": "Tom"}, user=users["handlaggare_a"])
    login(client, users["handlaggare_a"])
    response = client.post(reverse("responses:restore", args=[draft.pk, first.history_id]),
                           {"version": saved.version})
    assert response.status_code == 302
    stored = Utlatande.objects.get(pk=draft.pk)
    assert stored.sections == original and stored.title == draft.title
    assert stored.version == 3 and stored.history.count() == 3


def test_restore_with_a_stale_version_is_a_conflict(client, users, draft):
    first = draft.history.earliest("history_date")
    save_draft(draft, expected_version=1, changes={"title": "Ny"}, user=users["handlaggare_a"])
    login(client, users["handlaggare_a"])
    response = client.post(reverse("responses:restore", args=[draft.pk, first.history_id]),
                           {"version": 1})
    assert response.status_code == 409
    assert Utlatande.objects.get(pk=draft.pk).title == "Ny"


@pytest.fixture
def previous_answer(users, remiss, program, orgs):
    """Kultur's answer to the 2016 remiss of the same program, already besvarad."""
    old = Remiss.objects.create(program=program, title="Program för kvalitetsutveckling 2017",
                                ks_dnr="174-742/2016", remiss_date="2016-07-07",
                                deadline="2016-11-28", sender=orgs["ks"],
                                status=RemissStatus.AVSLUTAD)
    recipient = Recipient.objects.create(remiss=old, organisation=orgs["kun"])
    answer = make_draft(recipient, users["handlaggare_a"],
                        state=State.BESVARAD)
    return answer


def test_help_panel_offers_the_previous_answer_and_copies_a_section(client, users, draft,
                                                                    previous_answer):
    login(client, users["handlaggare_a"])
    body = client.get(reverse("responses:edit", args=[draft.pk])).content.decode()
    assert "Förra svaret" in body and previous_answer.title in body
    section = previous_answer.sections[3]
    client.post(reverse("responses:copy_section", args=[draft.pk]), {
        "source": previous_answer.pk, "section": section["key"], "version": draft.version})
    stored = Utlatande.objects.get(pk=draft.pk)
    assert stored.sections[-1]["html"] == section["html"]
    assert stored.sections[-1]["key"] != section["key"]


def test_copy_from_a_document_that_is_not_the_previous_answer_is_refused(client, users,
                                                                         draft, draft_b):
    login(client, users["handlaggare_a"])
    response = client.post(reverse("responses:copy_section", args=[draft.pk]), {
        "source": draft_b.pk, "section": draft_b.sections[0]["key"], "version": 1})
    assert response.status_code == 403


def test_checklist_warns_but_does_not_block(draft, users):
    points = {p.key: p.ok for p in check(draft)}
    assert points == {"sammanfattning": True, "stance": False, "dnr": True,
                      "references": False, "bilagor": False}
    workflow.apply(draft, "skicka_till_granskning", users["handlaggare_a"])
    assert draft.state == State.GRANSKNING


def test_checklist_sees_references_and_stance(draft, users):
    sections = [{**s, "html": "<p>Se avsnitt 4.2 i förslaget.</p>"} for s in draft.sections]
    draft = save_draft(draft, expected_version=1, changes={
        "sections": sections, "stance": "tillstyrker"}, user=users["handlaggare_a"])
    points = {p.key: p.ok for p in check(draft)}
    assert points["references"] and points["stance"]


def test_editor_page_shows_checklist_warnings(client, users, draft):
    login(client, users["handlaggare_a"])
    body = client.get(reverse("responses:edit", args=[draft.pk])).content.decode()
    assert "Varning:" in body and "Tydligt ställningstagande" in body


def test_editor_post_keeps_comments_anchor_keys(client, users, draft):
    login(client, users["handlaggare_a"])
    keys = [s["key"] for s in draft.sections]
    client.post(reverse("responses:edit", args=[draft.pk]), editor_post(draft))
    assert [s["key"] for s in Utlatande.objects.get(pk=draft.pk).sections] == keys
