"""Limits on sections per document and on their size: a hostile post gets a Swedish
message and changes nothing, and a stored document can always be saved again."""

import pytest
from django.urls import reverse

from responses.content import MAX_DOCUMENT_CHARS, MAX_SECTION_CHARS, MAX_SECTIONS
from responses.models import Utlatande
from tests.conftest import PASSWORD

from .helpers import editor_post


@pytest.fixture
def as_a(client, users):
    assert client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    return client


def test_two_thousand_section_keys_are_refused_and_the_document_still_saves(as_a, draft):
    url = reverse("responses:edit", args=[draft.pk])
    keys = ",".join(f"k{i}" for i in range(2000))
    response = as_a.post(url, editor_post(draft, section_keys=keys))
    assert response.status_code == 400
    assert f"högst {MAX_SECTIONS} avsnitt" in response.content.decode()
    assert Utlatande.objects.get(pk=draft.pk).version == 1
    autosave = as_a.post(reverse("responses:autosave", args=[draft.pk]),
                         editor_post(draft, section_keys=keys))
    assert autosave.status_code == 400
    # The document is untouched and saves as before.
    stored = Utlatande.objects.get(pk=draft.pk)
    assert len(stored.sections) == len(draft.sections)
    assert as_a.post(url, editor_post(stored, title="Ny rubrik")).status_code == 302


def test_adding_a_section_beyond_the_limit_says_so(as_a, draft):
    sections = [{"key": f"s{i}", "kind": "extra", "heading": f"A{i}", "html": ""}
                for i in range(MAX_SECTIONS)]
    Utlatande.objects.filter(pk=draft.pk).update(sections=sections)
    stored = Utlatande.objects.get(pk=draft.pk)
    response = as_a.post(reverse("responses:edit", args=[draft.pk]),
                         {**editor_post(stored), "add_section": "1"})
    assert response.status_code == 400
    assert f"högst {MAX_SECTIONS} avsnitt" in response.content.decode()
    assert len(Utlatande.objects.get(pk=draft.pk).sections) == MAX_SECTIONS


def test_a_two_megabyte_section_is_refused_with_a_message(as_a, draft):
    key = draft.sections[0]["key"]
    huge = "<p>" + "Lång text. " * 200_000 + "</p>"
    autosave = as_a.post(reverse("responses:autosave", args=[draft.pk]),
                         editor_post(draft, **{f"html_{key}": huge}))
    assert autosave.status_code == 400
    assert "för långt" in autosave.json()["error"]
    response = as_a.post(reverse("responses:edit", args=[draft.pk]),
                         editor_post(draft, **{f"html_{key}": huge}))
    assert response.status_code == 400
    assert "för långt" in response.content.decode()
    assert Utlatande.objects.get(pk=draft.pk).version == 1


def test_the_largest_accepted_document_saves(as_a, draft):
    per_section = (MAX_DOCUMENT_CHARS // len(draft.sections)) - 200
    assert per_section < MAX_SECTION_CHARS
    text = "<p>" + ("Förvaltningen föreslår att nämnden ställer sig bakom. " * 5_000
                    )[:per_section - 7] + "</p>"
    post = editor_post(draft, **{f"html_{s['key']}": text for s in draft.sections})
    assert as_a.post(reverse("responses:edit", args=[draft.pk]), post).status_code == 302
    assert Utlatande.objects.get(pk=draft.pk).version == 2


def test_the_document_limit_counts_all_sections(as_a, draft):
    text = "<p>" + "x" * (MAX_SECTION_CHARS - 100) + "</p>"
    post = editor_post(draft, **{f"html_{s['key']}": text for s in draft.sections})
    response = as_a.post(reverse("responses:edit", args=[draft.pk]), post)
    assert response.status_code == 400
    assert "Tjänsteutlåtandet är för långt" in response.content.decode()
