"""Messages say what happened and name the field: no "Klart: <button>. Status: ...", no
double stop, the desk offers anstånd where the plan says it is needed."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import PASSWORD

from .helpers import editor_post


def test_autosave_error_names_the_field_once(client, users, draft):
    client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    response = client.post(reverse("responses:autosave", args=[draft.pk]),
                           editor_post(draft, title="", date="2026-13-45"))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith("Rubrik: ") and "Datum: " in error
    assert ".." not in error and error.endswith(".")


def test_a_transition_says_what_happened(client, users, draft):
    client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    response = client.post(reverse("responses:transition",
                                   args=[draft.pk, "skicka_till_granskning"]), follow=True)
    body = response.content.decode()
    assert "Dokumentet är skickat till granskning." in body
    assert "Klart:" not in body


def test_a_refused_bilaga_is_summarised_at_the_top(client, users, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    response = client.post(reverse("responses:bilaga_upload", args=[draft.pk]), {
        "bilaga-title": "Karta över området",
        "bilaga-file": SimpleUploadedFile("karta.pdf", b"MZ not a pdf" * 10)})
    assert response.status_code == 400
    body = response.content.decode()
    summary = body.index('class="error-summary"')
    assert summary < body.index('id="editor-form"')  # above the editor, not 3 400 px down
    assert 'href="#id_bilaga-file"' in body[summary:]
    assert "Filtypen stöds inte" in body[summary:body.index('id="editor-form"')]
    assert 'value="Karta över området"' in body  # what was typed is kept
