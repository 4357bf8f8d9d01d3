"""GET /api/v1/remisser/ and the writes a diarium needs, with the web's permission rules."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from programs.models import AnstandRequest, AnstandStatus, Recipient, Remiss, RemissStatus
from responses.models import Stance, State
from tests.security.files import pdf

PDF = pdf()  # a PDF that parses: uploads refuse one that does not


def _by_dnr(response):
    assert response.status_code == 200, response.content
    return {r["ks_dnr"]: r for r in response.json()["results"]}


def test_list_shows_remisser_with_recipients_states(api_client, remiss, answer, users):
    kun, rik = remiss.recipients.order_by("organisation__short")
    answer(kun, state=State.JUSTERAD, stance=Stance.TILLSTYRKER)
    AnstandRequest.objects.create(recipient=rik, requested_deadline=remiss.deadline
                                  + datetime.timedelta(days=10), reason="Nämnden sammanträder",
                                  requested_by=users["handlaggare_b"],
                                  previous_deadline=remiss.deadline)
    data = _by_dnr(api_client("ks").get("/api/v1/remisser/"))["KS 2026/1350"]
    assert data["status"] == "utskickad" and data["program"] == "Program för kvalitetsutveckling"
    assert data["url"].endswith(f"/api/v1/remisser/{remiss.pk}/")
    recipients = {r["organisation"]["short"]: r for r in data["recipients"]}
    assert recipients["kun"]["state"] == "justerad"
    assert recipients["kun"]["stance"] == "tillstyrker"
    assert recipients["kun"]["answer"].endswith(f"/api/v1/svar/{kun.links.get().utlatande_id}/")
    assert recipients["rik"]["state"] == "ej_paborjad"
    assert recipients["rik"]["anstand"]["pending"]["reason"] == "Nämnden sammanträder"
    assert recipients["rik"]["deadline"] == remiss.deadline.isoformat()


def test_list_query_count_does_not_grow_with_remisser(api_client, remiss, orgs,
                                                      django_assert_max_num_queries):
    client = api_client("ks")
    for n in range(10):
        copy = Remiss.objects.create(title=f"Remiss {n}", ks_dnr=f"KS 2026/{n + 1}",
                                     remiss_date=remiss.remiss_date, deadline=remiss.deadline,
                                     sender=orgs["ks"], status=RemissStatus.UTSKICKAD)
        Recipient.objects.create(remiss=copy, organisation=orgs["kun"])
    with django_assert_max_num_queries(14):
        assert len(client.get("/api/v1/remisser/").json()["results"]) == 11


def test_a_forvaltnings_key_never_sees_drafts_of_others(api_client, remiss, draft_remiss,
                                                         answer):
    kun, rik = remiss.recipients.order_by("organisation__short")
    answer(kun, state=State.UTKAST, stance=Stance.AVSTYRKER)
    rik_client = api_client("rik")
    listed = _by_dnr(rik_client.get("/api/v1/remisser/"))
    # SLK's utkast is invisible, as on the web; so is Kultur's draft answer and its stance.
    assert set(listed) == {"KS 2026/1350"}
    assert rik_client.get(f"/api/v1/remisser/{draft_remiss.pk}/").status_code == 404
    kun_row = next(r for r in listed["KS 2026/1350"]["recipients"]
                   if r["organisation"]["short"] == "kun")
    assert kun_row["state"] is None and kun_row["stance"] is None and kun_row["answer"] is None
    # Kultur's own key sees its own draft state; SLK's key sees everything.
    own = _by_dnr(api_client("kun").get("/api/v1/remisser/"))["KS 2026/1350"]
    assert next(r for r in own["recipients"]
                if r["organisation"]["short"] == "kun")["state"] == "utkast"
    assert set(_by_dnr(api_client("ks").get("/api/v1/remisser/"))) == {"KS 2026/1350",
                                                                       "KS 2026/1500"}


def test_slk_key_creates_a_draft_from_a_registered_arende(api_client, orgs, program):
    today = timezone.localdate()
    response = api_client("ks", "read,write").post_json("/api/v1/remisser/", {
        "title": "Program för idrott", "ks_dnr": "KS  2026/2001",
        "remiss_date": today.isoformat(),
        "deadline": (today + datetime.timedelta(days=60)).isoformat(),
        "program": program.title, "contact_name": "Karin Wallin",
        "recipients": ["kun", "rik"]})
    assert response.status_code == 201, response.content
    created = Remiss.objects.get(ks_dnr="KS 2026/2001")
    assert created.status == RemissStatus.UTKAST and created.sender == orgs["ks"]
    assert created.history.first().history_change_reason == "Registrerad via API"
    assert sorted(r["organisation"]["short"] for r in response.json()["recipients"]) == [
        "kun", "rik"]
    upload = SimpleUploadedFile("Förslag till program.pdf", PDF, "application/pdf")
    response = api_client("ks", "read,write").post(
        f"/api/v1/remisser/{created.pk}/dokument/", {"files": [upload]})
    assert response.status_code == 201, response.content
    document = response.json()[0]
    assert document["title"] == "Förslag till program"
    assert document["content_type"] == "application/pdf"
    download = api_client("ks").get(document["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_create_refuses_bad_input_with_field_codes(api_client, remiss):
    today = timezone.localdate().isoformat()
    client = api_client("ks", "read,write")
    response = client.post_json("/api/v1/remisser/", {
        "title": "X", "ks_dnr": "KS 2026/1350", "remiss_date": today, "deadline": today,
        "recipients": ["kun"]})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"]["ks_dnr"][0]["message"] == ("Det finns redan en remiss med det "
                                                      "diarienumret.")
    response = client.post_json("/api/v1/remisser/", {
        "title": "X", "ks_dnr": "nonsens", "remiss_date": today, "deadline": "igår",
        "recipients": ["finns-inte"]})
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"deadline", "recipients"}
    response = client.post("/api/v1/remisser/", "{trasig", content_type="application/json")
    assert response.json()["error"]["code"] == "parse_error"
    assert Remiss.objects.count() == 1


def test_a_forvaltnings_write_key_cannot_create_remisser(api_client, orgs):
    today = timezone.localdate().isoformat()
    response = api_client("kun", "read,write").post_json("/api/v1/remisser/", {
        "title": "X", "ks_dnr": "KS 2026/9", "remiss_date": today, "deadline": today,
        "recipients": ["kun"]})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not Remiss.objects.exists()


def test_register_an_answer_received_outside_remiss(api_client, remiss):
    rik = remiss.recipients.get(organisation__short="rik")
    url = f"/api/v1/remisser/{remiss.pk}/remissinstanser/rik/inkommit/"
    assert api_client("rik", "read,write").post_json(url, {}).status_code == 403
    arrived = remiss.sent_at  # not before the remiss was sent, not in the future
    response = api_client("ks", "read,write").post_json(url, {
        "answered_at": arrived.isoformat()})
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "inkommit"
    rik.refresh_from_db()
    assert rik.answered_at == arrived
    again = api_client("ks", "read,write").post_json(url, {})
    assert again.status_code == 400
    assert again.json()["error"]["fields"]["non_field_errors"][0]["code"] == "already_answered"


def test_set_own_dnr_on_the_recipient_and_its_draft_answer(api_client, remiss, answer):
    kun = remiss.recipients.get(organisation__short="kun")
    utlatande = answer(kun, state=State.UTKAST)
    url = f"/api/v1/remisser/{remiss.pk}/remissinstanser/kun/"
    assert api_client("rik", "read,write").patch_json(url, {"own_dnr": "X"}).status_code == 403
    assert api_client("kun", "read").patch_json(url, {"own_dnr": "X"}).status_code == 403
    response = api_client("kun", "read,write").patch_json(url, {"own_dnr": " KUN 2026/77 "})
    assert response.status_code == 200, response.content
    assert response.json()["own_dnr"] == "KUN 2026/77"
    utlatande.refresh_from_db()
    kun.refresh_from_db()
    assert kun.own_dnr == utlatande.own_dnr == "KUN 2026/77"
    assert utlatande.version == 2


def test_granted_anstand_is_the_deadline(api_client, remiss, users):
    rik = remiss.recipients.get(organisation__short="rik")
    later = remiss.deadline + datetime.timedelta(days=20)
    AnstandRequest.objects.create(recipient=rik, requested_deadline=later, reason="Sent möte",
                                  requested_by=users["handlaggare_b"],
                                  previous_deadline=remiss.deadline,
                                  status=AnstandStatus.BEVILJAD, granted_deadline=later)
    rik.anstand_deadline = later
    rik.anstand_reason = "Sent möte"
    rik.save()
    data = api_client("rik").get(f"/api/v1/remisser/{remiss.pk}/").json()
    row = next(r for r in data["recipients"] if r["organisation"]["short"] == "rik")
    assert row["deadline"] == later.isoformat()
    assert row["anstand"] == {"deadline": later.isoformat(), "reason": "Sent möte",
                              "pending": None}
