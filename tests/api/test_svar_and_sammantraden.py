"""Answers that are allmän handling (with PDF and SHA-256), sammanträden and their §§."""

import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.models import Arende, Outcome, Sammantrade
from responses.models import State, Utlatande

PDF = b"%PDF-1.7\n% arkiverat\n%%EOF\n"


def _archive(utlatande):
    """As responses.pdf.archive stores it at justering (without rendering here)."""
    utlatande.archived_pdf.save("svar.pdf", ContentFile(PDF), save=False)
    Utlatande.objects.filter(pk=utlatande.pk).update(
        archived_pdf=utlatande.archived_pdf.name,
        archived_sha256=hashlib.sha256(PDF).hexdigest(), archived_at=timezone.now())


def test_svar_lists_allmanna_handlingar_with_pdf_and_sha256(api_client, remiss, answer):
    kun, rik = remiss.recipients.order_by("organisation__short")
    public = answer(kun, state=State.JUSTERAD, stance="tillstyrker")
    _archive(public)
    draft = answer(rik, state=State.GRANSKNING)
    for short in ("kun", "rik", "ks"):
        results = api_client(short).get("/api/v1/svar/").json()["results"]
        # A draft is the förvaltning's working material: not an allmän handling, not here.
        assert [r["id"] for r in results] == [public.pk], short
    data = api_client("rik").get(f"/api/v1/svar/{public.pk}/").json()
    assert data["state"] == "justerad" and data["organisation"]["short"] == "kun"
    assert data["remisser"][0]["ks_dnr"] == "KS 2026/1350"
    assert data["pdf"]["sha256"] == hashlib.sha256(PDF).hexdigest()
    pdf = api_client("rik").get(data["pdf"]["url"])
    body = b"".join(pdf.streaming_content)
    assert pdf.status_code == 200 and body == PDF
    assert pdf["X-Content-SHA256"] == hashlib.sha256(body).hexdigest()
    assert api_client("kun").get(f"/api/v1/svar/{draft.pk}/").status_code == 404


def test_sammantraden_show_only_paragraphs_the_key_may_read(api_client, remiss, answer,
                                                            orgs, users):
    kun = remiss.recipients.get(organisation__short="kun")
    decided = answer(kun, state=State.BESLUTAD)
    meeting = Sammantrade.objects.create(organisation=orgs["kun"], date=timezone.localdate())
    Arende.objects.create(meeting=meeting, utlatande=decided, paragraph="12",
                          outcome=Outcome.ENLIGT_FORSLAG, recorded_by=users["sekreterare"])
    other = Utlatande.objects.create(organisation=orgs["kun"], title="Internt ärende",
                                     state=State.KLAR_FOR_NAMND)
    Arende.objects.create(meeting=meeting, utlatande=other, paragraph="13",
                          outcome=Outcome.BORDLAGT, recorded_by=users["sekreterare"])
    seen_by_rik = api_client("rik").get("/api/v1/sammantraden/").json()["results"]
    assert [p["paragraph"] for p in seen_by_rik[0]["paragrafer"]] == ["12"]
    assert seen_by_rik[0]["paragrafer"][0]["svar"].endswith(f"/api/v1/svar/{decided.pk}/")
    seen_by_kun = api_client("kun").get(f"/api/v1/sammantraden/{meeting.pk}/").json()
    assert [p["paragraph"] for p in seen_by_kun["paragrafer"]] == ["12", "13"]
    assert seen_by_kun["paragrafer"][1]["svar"] is None


def test_a_new_paragraph_moves_the_meeting_in_the_sync(api_client, orgs, users, remiss,
                                                       answer):
    meeting = Sammantrade.objects.create(organisation=orgs["kun"], date=timezone.localdate())
    client = api_client("kun")
    since = client.get("/api/v1/sammantraden/").json()["next_updated_since"]
    Sammantrade.objects.filter(pk=meeting.pk).update(
        updated_at=timezone.now() - timezone.timedelta(days=1))
    url = "/api/v1/sammantraden/?updated_since=" + since.replace("+", "%2B")
    assert client.get(url).json()["results"] == []
    Arende.objects.create(meeting=meeting, paragraph="3", outcome=Outcome.ENLIGT_FORSLAG,
                          utlatande=answer(remiss.recipients.get(organisation__short="kun"),
                                           state=State.BESLUTAD),
                          recorded_by=users["sekreterare"])
    assert [m["id"] for m in client.get(url).json()["results"]] == [meeting.pk]
