"""Two editors of one draft: a three-way merge from the version both started at keeps what
only one of them changed, and offers a choice only where both changed the same thing."""

import pytest
from django.test import Client
from django.urls import reverse

from organisations.models import Role
from responses.content import SectionKind, new_section
from responses.merge import merge_documents
from responses.models import Utlatande
from tests.conftest import PASSWORD

from .helpers import editor_post


@pytest.fixture
def anna(make_user):
    return make_user("anna.kultur", "kun", Role.HANDLAGGARE)


@pytest.fixture
def bertil(users):
    return users["handlaggare_a"]


def _client(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _html(key) -> str:
    return next(s["html"] for s in Utlatande.objects.get().sections if s["key"] == key)


def test_colleagues_section_title_decision_points_and_new_section_survive_my_save(
        draft, anna, bertil):
    """Anna autosaves section 1, the title, the förslag till beslut and a new section; Bertil,
    still at version 1, saves section 2: both are kept, and Bertil is told what Anna did."""
    first, second = draft.sections[0]["key"], draft.sections[1]["key"]
    opened = Utlatande.objects.get(pk=draft.pk)
    anna_post = editor_post(opened, **{f"html_{first}": "<p>Annas sammanfattning</p>",
                                       "title": "Annas rubrik",
                                       "decision_points": "Annas beslutspunkt"})
    autosave = _client(anna).post(reverse("responses:autosave", args=[draft.pk]), anna_post)
    assert autosave.status_code == 200
    added = new_section(SectionKind.EXTRA, "Annas nya avsnitt", "<p>Nytt av Anna</p>")
    doc = Utlatande.objects.get(pk=draft.pk)
    keys = ",".join([*(s["key"] for s in doc.sections), added["key"]])
    with_new = editor_post(doc, section_keys=keys, **{f"heading_{added['key']}": added["heading"],
                                                      f"html_{added['key']}": added["html"]})
    assert _client(anna).post(reverse("responses:edit", args=[draft.pk]),
                              with_new).status_code == 302

    bertil_client = _client(bertil)
    response = bertil_client.post(
        reverse("responses:edit", args=[draft.pk]),
        editor_post(opened, **{f"html_{second}": "<p>Bertils ärendetext</p>"}), follow=True)

    assert response.status_code == 200
    stored = Utlatande.objects.get(pk=draft.pk)
    html = {s["key"]: s["html"] for s in stored.sections}
    assert html[first] == "<p>Annas sammanfattning</p>"
    assert html[second] == "<p>Bertils ärendetext</p>"
    assert stored.title == "Annas rubrik"
    assert stored.decision_points == ["Annas beslutspunkt"]
    assert [s["heading"] for s in stored.sections][-1] == "Annas nya avsnitt"
    assert stored.history.first().history_user == bertil
    body = response.content.decode()
    assert "Anna Testsson har sparat en ny version" in body
    assert "Sammanfattning" in body and "nytt avsnitt ”Annas nya avsnitt”" in body
    assert "sammanslagna" in body


def test_same_section_changed_by_both_is_the_only_choice_and_the_rest_is_merged(
        draft, anna, bertil):
    first, second = draft.sections[0]["key"], draft.sections[1]["key"]
    opened = Utlatande.objects.get(pk=draft.pk)
    url = reverse("responses:edit", args=[draft.pk])
    annas = editor_post(opened, title="Annas rubrik",
                        **{f"html_{first}": "<p>Annas sammanfattning</p>",
                           f"html_{second}": "<p>Annas ärende</p>"})
    assert _client(anna).post(url, annas).status_code == 302

    bertil_client = _client(bertil)
    conflict = bertil_client.post(url, editor_post(
        opened, **{f"html_{second}": "<p>Bertils ärende</p>"}))

    assert conflict.status_code == 409
    body = conflict.content.decode()
    assert body.count('name="saved_') == 1 and f'name="saved_{second}"' in body
    assert "Anna Testsson har sparat en ny version" in body
    assert "Inget har skrivits över" not in body
    # The merge form holds Anna's title and section 1 and Bertil's section 2: submitted
    # as shown, it keeps both.
    form = conflict.context["form"]
    shown = {name: form[name].value() for name in form.fields}
    shown = {k: ("" if v is None else str(v)) for k, v in shown.items()
             if not k.startswith(("remove_", "saved_"))}
    assert bertil_client.post(url, shown).status_code == 302
    stored = Utlatande.objects.get(pk=draft.pk)
    assert stored.title == "Annas rubrik"
    assert _html(first) == "<p>Annas sammanfattning</p>"
    assert _html(second) == "<p>Bertils ärende</p>"


def test_a_section_removed_by_one_and_untouched_by_the_other_stays_removed(draft, anna,
                                                                           bertil):
    first, second = draft.sections[0]["key"], draft.sections[1]["key"]
    opened = Utlatande.objects.get(pk=draft.pk)
    url = reverse("responses:edit", args=[draft.pk])
    assert _client(anna).post(url, editor_post(opened, **{f"remove_{first}": "on"})
                              ).status_code == 302
    assert _client(bertil).post(url, editor_post(
        opened, **{f"html_{second}": "<p>Bertil</p>"})).status_code == 302
    keys = [s["key"] for s in Utlatande.objects.get().sections]
    assert first not in keys and _html(second) == "<p>Bertil</p>"


def _doc(**fields):
    sections = [{"key": k, "kind": "extra", "heading": k.upper(), "html": f"<p>{k}</p>"}
                for k in "abc"]
    base = {"title": "T", "date": None, "own_dnr": "", "avdelning": "", "till": "",
            "handlaggare": [], "decision_points": ["1"], "signatories": [], "stance": "",
            "sections": sections}
    return {**base, **fields}


def _with(doc, key, html):
    return [{**s, "html": html} if s["key"] == key else s for s in doc["sections"]]


def test_merge_keeps_each_sides_own_changes_and_flags_only_common_ones():
    base = _doc()
    theirs = _doc(title="Deras", sections=_with(base, "a", "<p>deras a</p>"))
    mine = _doc(stance="avstyrker", sections=_with(base, "b", "<p>min b</p>"))
    result = merge_documents(base=base, theirs=theirs, mine=mine)
    assert result.is_clean
    assert result.merged["title"] == "Deras" and result.merged["stance"] == "avstyrker"
    assert [s["html"] for s in result.merged["sections"]] == [
        "<p>deras a</p>", "<p>min b</p>", "<p>c</p>"]

    both = merge_documents(base=base, theirs=_doc(title="X", sections=_with(base, "c", "1")),
                           mine=_doc(title="Y", sections=_with(base, "c", "2")))
    assert both.conflict_fields == ["title"] and both.conflict_sections == ["c"]
    assert both.merged["title"] == "Y"


def test_merge_of_removed_added_and_reordered_sections():
    base = _doc()
    new = {"key": "n", "kind": "extra", "heading": "N", "html": "<p>n</p>"}
    # They removed b and added n after a; I moved c first.
    theirs = _doc(sections=[base["sections"][0], new, base["sections"][2]])
    mine = _doc(sections=[base["sections"][2], base["sections"][0], base["sections"][1]])
    result = merge_documents(base=base, theirs=theirs, mine=mine)
    assert result.is_clean
    assert [s["key"] for s in result.merged["sections"]] == ["c", "a", "n"]
    # Removed by them but changed by me: kept, and offered as a choice.
    mine = _doc(sections=_with(base, "b", "<p>min b</p>"))
    result = merge_documents(base=base, theirs=theirs, mine=mine)
    assert result.conflict_sections == ["b"]
    assert "<p>min b</p>" in [s["html"] for s in result.merged["sections"]]
