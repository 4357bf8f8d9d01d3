"""Messages say what happened and name the field: no "Klart: <button>. Status: ...", no
double stop, the desk offers anstånd where the plan says it is needed."""

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
