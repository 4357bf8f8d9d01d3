"""Irreversible actions go through a confirmation: Skicka shows the recipients, the
remisstid and the mail; Avsluta lists who has not answered and can be undone by reopening
(logged); Registrera inkommet records date, stance and document, and can be undone."""

import datetime

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from organisations.models import Organisation
from programs.models import Recipient, Remiss, RemissStatus
from tests.security.files import pdf
from tracking import matrix

# A PDF that parses: remiss.uploads refuses one it cannot read.
PDF_BYTES = pdf()


def test_skicka_shows_recipients_remisstid_and_mail_before_sending(slk_client, draft, orgs,
                                                                  django_capture_on_commit_callbacks):
    for short in ("kun", "rik"):
        Recipient.objects.create(remiss=draft, organisation=orgs[short])
    url = reverse("programs:remiss_send", args=[draft.pk])
    body = slk_client.get(url).content.decode()
    assert "Skicka remissen?" in body
    assert "Kulturnämnden: reg.kun@stockholm.se" in body
    assert "Rinkeby-Kista stadsdelsnämnd: reg.rik@stockholm.se" in body
    assert draft.deadline.isoformat() in body
    assert f"senast {draft.deadline.isoformat()}" in body  # the mail's own text
    assert "Skicka till 2 remissinstanser" in body
    draft.refresh_from_db()
    assert draft.status == RemissStatus.UTKAST and mail.outbox == []  # GET sends nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = slk_client.post(url, follow=True)
    assert "Remissen är utskickad till 2 remissinstanser" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == RemissStatus.UTSKICKAD and len(mail.outbox) == 2


def test_skicka_confirmation_names_a_recipient_without_address(slk_client, draft):
    silent = Organisation.objects.create(short="tyst", name="Tysta nämnden",
                                         forvaltning="Tysta förvaltningen")
    Recipient.objects.create(remiss=draft, organisation=silent)
    body = slk_client.get(reverse("programs:remiss_send", args=[draft.pk])).content.decode()
    assert "saknar e-postadress, får ingen e-post" in body


def test_avsluta_confirms_then_reopen_is_logged(slk_client, users, remiss, make_answer):
    kun = remiss.recipients.get(organisation__short="kun")
    make_answer(kun, state="besvarad", stance="tillstyrker")
    Recipient.objects.filter(pk=kun.pk).update(answered_at=timezone.now())  # as besvara does
    url = reverse("programs:remiss_close", args=[remiss.pk])
    body = slk_client.get(url).content.decode()
    assert "Avsluta remissen?" in body
    assert "1 remissinstans har inte svarat" in body and "Rinkeby-Kista stadsdelsnämnd" in body
    remiss.refresh_from_db()
    assert remiss.status == RemissStatus.UTSKICKAD  # GET changes nothing

    slk_client.post(url)
    remiss.refresh_from_db()
    assert remiss.status == RemissStatus.AVSLUTAD
    matrix_page = slk_client.get(reverse("programs:matrix", args=[remiss.pk])).content.decode()
    assert reverse("programs:remiss_reopen", args=[remiss.pk]) in matrix_page

    response = slk_client.post(reverse("programs:remiss_reopen", args=[remiss.pk]),
                               {"reason": "Avslutad av misstag"}, follow=True)
    assert "Remissen är öppen igen" in response.content.decode()
    remiss.refresh_from_db()
    assert remiss.status == RemissStatus.UTSKICKAD and remiss.closed_at is None
    last = remiss.history.first()
    assert last.history_change_reason == "Återöppnad: Avslutad av misstag"
    assert last.history_user == users["slk"]


def test_registrera_inkommet_records_date_stance_and_document(slk_client, users, remiss):
    Remiss.objects.filter(pk=remiss.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=10))
    rik = remiss.recipients.get(organisation__short="rik")
    url = reverse("programs:recipient_answered", args=[remiss.pk, rik.pk])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    body = slk_client.get(url).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in body  # today by default

    response = slk_client.post(url, {
        "received": yesterday.isoformat(), "stance": "avstyrker",
        "document": SimpleUploadedFile("svar.pdf", PDF_BYTES, "application/pdf")}, follow=True)
    assert f"registrerat som inkommet {yesterday.isoformat()}" in response.content.decode()
    rik.refresh_from_db()
    assert timezone.localdate(rik.answered_at) == yesterday
    assert rik.answer_stance == "avstyrker" and rik.answer_content_type == "application/pdf"
    row = next(r for r in matrix.build_rows(matrix.recipients_with_answers(remiss),
                                            users["slk"]) if r.recipient.pk == rik.pk)
    assert row.state == "inkommit" and row.stance_label == "Avstyrker"
    download = slk_client.get(reverse("programs:answer_document", args=[remiss.pk, rik.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES

    # Undo: the answer counts as not received again; the history keeps both steps.
    slk_client.post(reverse("programs:recipient_answered_undo", args=[remiss.pk, rik.pk]))
    rik.refresh_from_db()
    assert rik.answered_at is None and rik.answer_stance == "" and not rik.answer_file
    assert [h.history_change_reason for h in rik.history.all()[:2]] == [
        "Inkommet ångrat", "Svar inkommit"]


def test_registrera_inkommet_shows_every_error_at_once_and_keeps_input(slk_client, remiss):
    rik = remiss.recipients.get(organisation__short="rik")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = slk_client.post(
        reverse("programs:recipient_answered", args=[remiss.pk, rik.pk]),
        {"received": tomorrow.isoformat(), "url": "inte en länk"})
    body = response.content.decode()
    assert 'class="error-summary"' in body
    assert 'href="#id_stance"' in body and 'href="#id_url"' in body
    assert f'value="{tomorrow.isoformat()}"' in body and 'value="inte en länk"' in body
    rik.refresh_from_db()
    assert rik.answered_at is None


def test_registrera_inkommet_refuses_a_future_date_and_a_bad_file(slk_client, remiss):
    rik = remiss.recipients.get(organisation__short="rik")
    url = reverse("programs:recipient_answered", args=[remiss.pk, rik.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    body = slk_client.post(url, {"received": tomorrow.isoformat(), "stance": "tillstyrker",
                                 "url": "https://diarium.example/1"}).content.decode()
    assert "kan inte vara i framtiden" in body
    last_week = timezone.localdate() - datetime.timedelta(days=7)
    body = slk_client.post(url, {"received": last_week.isoformat(), "stance": "tillstyrker",
                                 "url": "https://diarium.example/1"}).content.decode()
    assert "kan inte vara före utskicket" in body
    body = slk_client.post(url, {
        "received": timezone.localdate().isoformat(), "stance": "tillstyrker",
        "document": SimpleUploadedFile("svar.pdf", b"not a pdf", "application/pdf")
    }).content.decode()
    assert "Filtypen stöds inte" in body and 'href="#id_document"' in body
    rik.refresh_from_db()
    assert rik.answered_at is None


def test_an_answer_that_arrived_through_remiss_is_not_undone(slk_client, remiss, make_answer):
    kun = remiss.recipients.get(organisation__short="kun")
    make_answer(kun, state="besvarad", stance="tillstyrker")
    Recipient.objects.filter(pk=kun.pk).update(answered_at=timezone.now())
    response = slk_client.post(
        reverse("programs:recipient_answered_undo", args=[remiss.pk, kun.pk]), follow=True)
    assert "skickades till kommunstyrelsen i systemet" in response.content.decode()
    kun.refresh_from_db()
    assert kun.answered_at is not None
