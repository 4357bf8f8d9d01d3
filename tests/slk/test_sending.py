"""Creating and sending a remiss: recipients, quick groups, documents, e-mail once each."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programs import sending
from programs.models import Recipient, Remiss, RemissStatus
from programs.tasks import notify_recipients
from tests.security.files import pdf

# A PDF that parses: remiss.uploads refuses one it cannot read.
PDF_BYTES = pdf()
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def on_remissdatum(time_machine):
    """The form's dates are 2026-11-01 (remissdatum) and 2026-12-15 (remisstid): today is
    the remissdatum, so the remisstid is six weeks and two days ahead."""
    time_machine.move_to(datetime.datetime(2026, 11, 1, 10, tzinfo=STOCKHOLM), tick=False)


def _form(**extra):
    data = {
        "title": "Handlingsplan för ett tillgängligt Stockholm", "ks_dnr": "KS 2026/1422",
        "remiss_date": "2026-11-01", "deadline": "2026-12-15", "contact_name": "Karin Wallin",
        "contact_email": "slk@stockholm.se", "contact_phone": "08-508 290 00",
        "description": "Handlingsplanen beskriver hur staden ska nå målen.",
    }
    data.update(extra)
    return data


def test_create_with_quick_group_saves_an_utkast(slk_client, more_orgs, users):
    response = slk_client.post(reverse("programs:remiss_create"),
                               _form(recipient_groups=["stadsdelsnamnder"],
                                     organisations=[more_orgs["bost"].pk]))
    remiss = Remiss.objects.get(ks_dnr="KS 2026/1422")
    assert response.status_code == 302 and response["Location"] == remiss.get_absolute_url()
    assert remiss.status == RemissStatus.UTKAST
    assert remiss.sender == more_orgs["ks"] and remiss.created_by == users["slk"]
    assert {r.organisation.short for r in remiss.recipients.all()} == {"rik", "sod", "bost"}
    assert mail.outbox == []


def test_samtliga_group_leaves_out_kommunstyrelsen_and_rad(slk_client, more_orgs):
    slk_client.post(reverse("programs:remiss_create"), _form(recipient_groups=["samtliga"]))
    remiss = Remiss.objects.get(ks_dnr="KS 2026/1422")
    assert {r.organisation.short for r in remiss.recipients.all()} == {
        "kun", "rik", "sod", "utn", "bost"}


def test_form_offers_organisations_with_their_kind(slk_client, more_orgs):
    body = slk_client.get(reverse("programs:remiss_create")).content.decode()
    assert 'data-kind="stadsdelsnamnd"' in body
    assert "Alla stadsdelsnämnder" in body and "Samtliga nämnder och bolagsstyrelser" in body
    assert "Kommunstyrelsen</label>" not in body


@pytest.mark.parametrize("field, value, message", [
    ("ks_dnr", "2026/ett", "Ogiltigt diarienummer"),
    ("ks_dnr", "KS 2026/1350", "Det finns redan en remiss med det diarienumret"),
    ("ks_dnr", "KS  2026/1350", "Det finns redan en remiss med det diarienumret"),
    ("deadline", "2026-10-01", "Remisstiden kan inte vara före remissdatum"),
])
def test_bad_input_is_refused_with_a_swedish_message(slk_client, remiss, field, value, message):
    count = Remiss.objects.count()
    response = slk_client.post(reverse("programs:remiss_create"), _form(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Remiss.objects.count() == count


def test_only_slk_may_create(client_for, users, orgs):
    response = client_for(users["handlaggare_a"]).get(reverse("programs:remiss_create"))
    assert response.status_code == 403


def test_documents_are_checked_by_content(slk_client, orgs):
    fake = SimpleUploadedFile("program.pdf", b"just text, not a pdf", "application/pdf")
    response = slk_client.post(reverse("programs:remiss_create"),
                               {**_form(organisations=[orgs["kun"].pk]), "documents": [fake]})
    assert "Filtypen stöds inte" in response.content.decode()
    assert not Remiss.objects.filter(ks_dnr="KS 2026/1422").exists()

    good = SimpleUploadedFile("Förslag_till_program.pdf", PDF_BYTES, "application/pdf")
    slk_client.post(reverse("programs:remiss_create"),
                    {**_form(organisations=[orgs["kun"].pk]), "documents": [good]})
    document = Remiss.objects.get(ks_dnr="KS 2026/1422").documents.get()
    assert document.title == "Förslag till program"
    assert document.content_type == "application/pdf"
    download = slk_client.get(reverse("programs:document_download",
                                      args=[document.remiss_id, document.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_send_without_recipients_is_refused(slk_client, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = slk_client.post(reverse("programs:remiss_send", args=[draft.pk]), follow=True)
    assert "Remissen har inga remissinstanser" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == RemissStatus.UTKAST and draft.sent_at is None
    assert mail.outbox == []


def test_send_notifies_each_recipient_once(slk_client, draft, orgs, heard_changes,
                                           django_capture_on_commit_callbacks):
    for short in ("kun", "rik"):
        Recipient.objects.create(remiss=draft, organisation=orgs[short])
    draft.documents.create(title="Förslag", content_type="application/pdf", size=10,
                           file=SimpleUploadedFile("forslag.pdf", PDF_BYTES))
    with django_capture_on_commit_callbacks(execute=True):
        response = slk_client.post(reverse("programs:remiss_send", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == RemissStatus.UTSKICKAD and draft.sent_at is not None
    assert heard_changes == [sorted(draft.recipients.values_list("pk", flat=True))]
    assert sorted(m.to[0] for m in mail.outbox) == ["reg.kun@stockholm.se",
                                                    "reg.rik@stockholm.se"]
    message = mail.outbox[0]
    assert draft.ks_dnr in message.subject
    assert draft.deadline.isoformat() in message.body
    assert f"/remisser/{draft.pk}/" in message.body
    assert message.attachments[0][0] == "Förslag.pdf"
    assert not draft.recipients.filter(notified_at__isnull=True).exists()

    # A retried or duplicated task sends nothing more.
    notify_recipients.delay(draft.pk)
    notify_recipients(draft.pk)
    assert len(mail.outbox) == 2


def test_sending_twice_is_refused(slk_client, remiss, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = slk_client.post(reverse("programs:remiss_send", args=[remiss.pk]),
                                   follow=True)
    assert "Remissen är redan utskickad" in response.content.decode()
    assert mail.outbox == []


def test_failed_mail_releases_the_claim_for_the_retry(draft, orgs):
    recipient = Recipient.objects.create(remiss=draft, organisation=orgs["kun"])
    Remiss.objects.filter(pk=draft.pk).update(status=RemissStatus.UTSKICKAD)
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("smtp nere")):
        with pytest.raises(OSError):
            sending.notify_pending_recipients(draft.pk)
    recipient.refresh_from_db()
    assert recipient.notified_at is None
    assert sending.notify_pending_recipients(draft.pk) == 1
    assert sending.notify_pending_recipients(draft.pk) == 0
    assert len(mail.outbox) == 1


def test_adding_a_recipient_after_sending_notifies_just_that_one(
        slk_client, remiss, more_orgs, heard_changes, django_capture_on_commit_callbacks):
    remiss.recipients.update(notified_at=remiss.sent_at)
    current = [r.organisation_id for r in remiss.recipients.all()]
    with django_capture_on_commit_callbacks(execute=True):
        response = slk_client.post(
            reverse("programs:remiss_edit", args=[remiss.pk]),
            _form(ks_dnr=remiss.ks_dnr, remiss_date=remiss.remiss_date.isoformat(),
                  deadline=remiss.deadline.isoformat(), program=remiss.program_id,
                  organisations=[*current, more_orgs["sod"].pk]))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["reg.sod@stockholm.se"]]
    added = remiss.recipients.get(organisation=more_orgs["sod"])
    assert heard_changes == [[added.pk]]


def test_recipients_cannot_be_removed_after_sending(slk_client, remiss, orgs):
    response = slk_client.post(
        reverse("programs:remiss_edit", args=[remiss.pk]),
        _form(ks_dnr=remiss.ks_dnr, remiss_date=remiss.remiss_date.isoformat(),
              deadline=remiss.deadline.isoformat(), organisations=[orgs["kun"].pk]))
    assert "Remissinstanser kan inte tas bort" in response.content.decode()
    assert remiss.recipients.count() == 2
    remiss.refresh_from_db()
    assert remiss.title == "Reviderat program för kvalitetsutveckling"


def test_draft_documents_can_be_removed(slk_client, draft):
    document = draft.documents.create(title="Gammal", file=SimpleUploadedFile("g.pdf", PDF_BYTES))
    slk_client.post(reverse("programs:document_delete", args=[draft.pk, document.pk]))
    assert not draft.documents.exists()


def test_remiss_date_is_shown_iso(slk_client, draft):
    draft.remiss_date = datetime.date(2021, 6, 22)
    draft.save()
    assert "2021-06-22" in slk_client.get(draft.get_absolute_url()).content.decode()


def test_anonymous_users_are_sent_to_login(client, remiss):
    for url in (reverse("programs:remiss_create"), reverse("programs:matrix", args=[remiss.pk]),
                reverse("programs:compilation", args=[remiss.pk, "xlsx"])):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
