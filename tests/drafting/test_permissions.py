"""Object permissions: organisation B cannot read or change A's draft by URL; public
documents are readable by every logged-in user but editable by nobody outside."""

import pytest
from django.urls import reverse

from responses.models import ReviewComment, State, Utlatande
from tests.conftest import PASSWORD

from .helpers import editor_post
from .test_workflow import move_to


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def urls(utlatande, bilaga_pk):
    pk = utlatande.pk
    return {
        "get": [reverse("responses:detail", args=[pk]), reverse("responses:edit", args=[pk]),
                reverse("responses:history", args=[pk]), reverse("responses:compare", args=[pk]),
                reverse("responses:bilaga_download", args=[pk, bilaga_pk])],
        "post": [reverse("responses:edit", args=[pk]), reverse("responses:autosave", args=[pk]),
                 reverse("responses:transition", args=[pk, "skicka_till_granskning"]),
                 reverse("responses:comment_add", args=[pk]),
                 reverse("responses:bilaga_upload", args=[pk]),
                 reverse("responses:bilaga_remove", args=[pk, bilaga_pk]),
                 reverse("responses:copy_section", args=[pk])],
    }


@pytest.fixture
def bilaga(draft):
    return draft.bilagor.create(order=1, title="Remissen")


@pytest.mark.parametrize("user_key", ["handlaggare_b", "slk"])
def test_other_organisations_get_404_for_a_draft(client, users, draft, bilaga, user_key):
    login(client, users[user_key])
    for url in urls(draft, bilaga.pk)["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls(draft, bilaga.pk)["post"]:
        assert client.post(url, editor_post(draft, text="x")).status_code == 404, url
    stored = Utlatande.objects.get(pk=draft.pk)
    assert stored.version == draft.version and stored.state == State.UTKAST
    assert not ReviewComment.objects.exists() and draft.bilagor.count() == 1


def test_anonymous_is_sent_to_login(client, draft):
    response = client.get(reverse("responses:detail", args=[draft.pk]))
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_granskare_of_the_organisation_reads_but_does_not_edit(client, users, draft):
    login(client, users["granskare"])
    assert client.get(reverse("responses:detail", args=[draft.pk])).status_code == 200
    assert client.get(reverse("responses:edit", args=[draft.pk])).status_code == 403
    assert client.post(reverse("responses:edit", args=[draft.pk]),
                       editor_post(draft, title="Granskarens")).status_code == 403
    assert Utlatande.objects.get(pk=draft.pk).title == draft.title


def test_forged_transition_is_403_and_changes_nothing(client, users, draft):
    login(client, users["handlaggare_a"])
    response = client.post(reverse("responses:transition", args=[draft.pk, "godkann"]))
    # Wrong state: a message, no change.
    assert response.status_code == 302
    assert Utlatande.objects.get(pk=draft.pk).state == State.UTKAST
    move_to(draft, State.GRANSKNING, users)
    response = client.post(reverse("responses:transition", args=[draft.pk, "godkann"]))
    assert response.status_code == 403
    assert Utlatande.objects.get(pk=draft.pk).state == State.GRANSKNING


def test_invalid_transition_gives_a_swedish_message(client, users, draft):
    move_to(draft, State.GRANSKNING, users)
    login(client, users["granskare"])
    response = client.post(reverse("responses:transition", args=[draft.pk, "aterforvisa"]),
                           {"comment": ""}, follow=True)
    assert "Skriv en kommentar" in response.content.decode()
    assert Utlatande.objects.get(pk=draft.pk).state == State.GRANSKNING


@pytest.mark.parametrize("user_key", ["handlaggare_b", "slk"])
def test_public_from_beslutad_on_but_history_and_editing_stay_internal(client, users, draft,
                                                                      user_key):
    move_to(draft, State.BESLUTAD, users)
    login(client, users[user_key])
    response = client.get(reverse("responses:detail", args=[draft.pk]))
    assert response.status_code == 200
    assert "Allmän handling" in response.content.decode()
    assert client.get(reverse("responses:history", args=[draft.pk])).status_code == 404
    assert client.post(reverse("responses:comment_add", args=[draft.pk]),
                       {"text": "x"}).status_code == 403


def test_status_is_shown_on_every_page(client, users, draft):
    login(client, users["handlaggare_a"])
    for name in ("detail", "edit", "history", "compare"):
        body = client.get(reverse(f"responses:{name}", args=[draft.pk])).content.decode()
        assert "Arbetsmaterial" in body and "inte allmän handling" in body, name


def test_history_link_only_for_participants(client, users, draft):
    move_to(draft, State.BESLUTAD, users)
    history = reverse("responses:history", args=[draft.pk])
    login(client, users["handlaggare_b"])
    assert history not in client.get(draft.get_absolute_url()).content.decode()
    client.logout()
    login(client, users["handlaggare_a"])
    body = client.get(draft.get_absolute_url()).content.decode()
    assert history in body and reverse("responses:pdf", args=[draft.pk]) in body
