"""Starting a response from a recipient row, and the handläggare's desk."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.models import RemissDocument
from responses.content import STANDARD_DECISION_POINTS
from responses.models import ResponseTemplate, ReviewComment, State, Utlatande
from responses.services import start_correction
from tests.conftest import PASSWORD

from .test_workflow import move_to


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_start_response_is_prefilled_from_the_remiss(client, users, recipient_a, remiss):
    RemissDocument.objects.create(remiss=remiss, title="Remissen", file="remissdokument/r.pdf")
    login(client, users["handlaggare_a"])
    response = client.post(reverse("responses:start", args=[recipient_a.pk]))
    utlatande = Utlatande.objects.get(links__recipient=recipient_a)
    assert response["Location"] == reverse("responses:edit", args=[utlatande.pk])
    assert utlatande.title == ("Reviderat program för kvalitetsutveckling (KS 2026/1350). "
                               "Svar på remiss från kommunstyrelsen")
    assert utlatande.till == "Kulturnämnden"
    assert utlatande.owner == users["handlaggare_a"]
    assert utlatande.handlaggare[0]["name"] == users["handlaggare_a"].get_full_name()
    assert utlatande.date == timezone.localdate()
    assert utlatande.decision_points == STANDARD_DECISION_POINTS
    assert [s["heading"] for s in utlatande.sections] == [
        "Sammanfattning", "Ärendet", "Ärendets beredning", "Förvaltningens synpunkter"]
    bilaga = utlatande.bilagor.get()
    assert bilaga.order == 1 and "KS 2026/1350" in bilaga.title
    assert bilaga.file.name == "remissdokument/r.pdf"
    assert utlatande.state == State.UTKAST
    recipient_a.refresh_from_db()
    assert recipient_a.handlaggare == users["handlaggare_a"]


def test_start_response_uses_the_organisation_template(client, users, recipient_a, orgs):
    ResponseTemplate.objects.create(
        organisation=orgs["kun"], decision_points=["Kulturnämnden godkänner svaret."],
        sections=[{"key": "x", "kind": "sammanfattning", "heading": "Kort om svaret",
                   "html": "<p>Mall</p>"}])
    login(client, users["handlaggare_a"])
    client.post(reverse("responses:start", args=[recipient_a.pk]))
    utlatande = Utlatande.objects.get(links__recipient=recipient_a)
    assert utlatande.decision_points == ["Kulturnämnden godkänner svaret."]
    assert utlatande.sections[0]["heading"] == "Kort om svaret"
    assert utlatande.sections[0]["key"] != "x"  # fresh keys per document


def test_starting_twice_opens_the_same_answer(client, users, recipient_a):
    login(client, users["handlaggare_a"])
    client.post(reverse("responses:start", args=[recipient_a.pk]))
    client.post(reverse("responses:start", args=[recipient_a.pk]))
    assert Utlatande.objects.filter(links__recipient=recipient_a).count() == 1


@pytest.mark.parametrize("user_key", ["handlaggare_b", "granskare", "slk"])
def test_only_the_recipients_handlaggare_may_start(client, users, recipient_a, user_key):
    login(client, users[user_key])
    response = client.post(reverse("responses:start", args=[recipient_a.pk]))
    assert response.status_code == 403
    assert not Utlatande.objects.exists()


def test_start_needs_post(client, users, recipient_a):
    login(client, users["handlaggare_a"])
    assert client.get(reverse("responses:start", args=[recipient_a.pk])).status_code == 405


def test_desk_shows_days_left_in_text_and_start_button(client, users, remiss):
    login(client, users["handlaggare_a"])
    body = client.get(reverse("start")).content.decode()
    assert "Mitt skrivbord" in body
    assert "14 dagar kvar" in body and "badge--soon" not in body
    assert "Påbörja svar" in body
    remiss.deadline = timezone.localdate() - datetime.timedelta(days=2)
    remiss.save()
    body = client.get(reverse("start")).content.decode()
    assert "2 dagar försenad" in body and "badge--late" in body


def test_desk_lists_my_drafts_and_what_waits(client, users, draft):
    ReviewComment.objects.create(utlatande=draft, author=users["granskare"], text="Kort!")
    login(client, users["handlaggare_a"])
    body = client.get(reverse("start")).content.decode()
    assert "Mina utkast" in body and draft.title in body
    assert "1 obesvarad kommentar" in body
    assert "Skicka till granskning" in body


def test_desk_of_granskare_shows_documents_to_approve(client, users, draft):
    move_to(draft, State.GRANSKNING, users)
    login(client, users["granskare"])
    body = client.get(reverse("start")).content.decode()
    assert "Godkänn och underteckna" in body and draft.title in body


def test_desk_shows_returned_draft_with_the_comment(client, users, draft):
    move_to(draft, State.GRANSKNING, users)
    from responses import workflow
    workflow.apply(draft, "aterforvisa", users["granskare"], comment="Saknar stance.")
    login(client, users["handlaggare_a"])
    assert "Återförvisat: Saknar stance." in client.get(reverse("start")).content.decode()


def test_correction_starts_a_new_linked_version(client, users, draft, recipient_a):
    move_to(draft, State.JUSTERAD, users)
    login(client, users["handlaggare_a"])
    response = client.post(reverse("responses:correction", args=[draft.pk]))
    copy = Utlatande.objects.get(previous=draft)
    assert response["Location"] == reverse("responses:edit", args=[copy.pk])
    assert copy.state == State.UTKAST and copy.sections == draft.sections
    assert copy.links.get().recipient == recipient_a
    assert not draft.links.get().is_active
    assert start_correction(draft, users["handlaggare_a"]) == copy
    draft.refresh_from_db()
    assert draft.state == State.JUSTERAD
