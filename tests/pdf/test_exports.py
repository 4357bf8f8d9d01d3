"""Justering export: choose documents, Celery task with progress, PDF or ZIP + manifest."""

import csv
import datetime
import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from responses.models import ExportJob, State
from responses.pdf import exports

from .conftest import pdf_text

MEETING = datetime.date(2026, 11, 19)


@pytest.fixture
def meeting_docs(make_utlatande, orgs, remiss, media):
    """Two documents of Kulturnämnden's meeting, one of Rinkeby-Kista's, one draft."""
    from programs.models import Recipient, Remiss

    second = Remiss.objects.create(title="Handlingsplan", ks_dnr="KS 2026/1422",
                                   remiss_date=remiss.remiss_date, deadline=remiss.deadline,
                                   sender=orgs["ks"], status=remiss.status)
    Recipient.objects.create(remiss=second, organisation=orgs["kun"])
    a = make_utlatande(state=State.BESLUTAD, meeting_date=MEETING, paragraph="7",
                       own_dnr="KUN 2026/1")
    b = make_utlatande(state=State.JUSTERAD, meeting_date=MEETING, paragraph="8",
                       own_dnr="KUN 2026/2", remiss_override=second)
    c = make_utlatande(state=State.BESLUTAD, meeting_date=MEETING, paragraph="3",
                       organisation="rik", own_dnr="RIK 2026/5")
    return {"a": a, "b": b, "rik": c}


def test_only_sekreterare_and_admin_may_export(users):
    assert exports.may_export(users["sekreterare"])
    assert exports.may_export(users["admin"])
    for who in ["handlaggare_a", "granskare", "slk"]:
        assert not exports.may_export(users[who])


def test_sekreterare_sees_own_nämnd_only(meeting_docs, users):
    found = list(exports.candidates(users["sekreterare"], meeting_date=MEETING))
    assert found == [meeting_docs["a"], meeting_docs["b"]]
    everything = exports.candidates(users["admin"], meeting_date=MEETING)
    assert set(everything) == set(meeting_docs.values())


def test_cannot_export_other_organisations_documents(meeting_docs, users):
    with pytest.raises(PermissionDenied):
        exports.create_export(user=users["sekreterare"], ids=[meeting_docs["rik"].pk],
                              fmt="pdf")


def test_combined_pdf_end_to_end(meeting_docs, users, client, eager_celery,
                                 django_capture_on_commit_callbacks):
    client.force_login(users["sekreterare"])
    ids = [meeting_docs["a"].pk, meeting_docs["b"].pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("responses:export_start"),
                               {"ids": ids, "format": "pdf", "meeting_date": "2026-11-19"})
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("responses:export_detail", args=[job.pk])
    assert (job.status, job.progress, job.total) == (ExportJob.Status.DONE, 2, 2)
    status = client.get(reverse("responses:export_status", args=[job.pk])).json()
    assert status["done"] and status["progress"] == 2 and status["download_url"]
    download = client.get(status["download_url"])
    data = b"".join(download.streaming_content)
    assert hashlib.sha256(data).hexdigest() == job.sha256
    reader = PdfReader(io.BytesIO(data))
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Tjänsteutlåtanden för justering" in cover
    assert "KUN 2026/1" in cover and "KUN 2026/2" in cover
    text = pdf_text(data)
    assert text.index("KUN 2026/1") < text.index("KUN 2026/2")
    outline = [o.title for o in reader.outline]
    assert outline[0] == "Försättsblad"
    assert outline[1].startswith("§ 7") and outline[2].startswith("§ 8")


def test_zip_with_manifest(meeting_docs, users, media):
    job = exports.create_export(user=users["admin"], ids=[d.pk for d in meeting_docs.values()],
                                fmt="zip")
    exports.run_export_job(job)
    assert job.status == ExportJob.Status.DONE
    with job.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    manifest = archive.read("manifest.csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(manifest), delimiter=";"))
    assert [r["paragraf"] for r in rows] == ["3", "7", "8"]
    for row in rows:
        assert hashlib.sha256(archive.read(row["fil"])).hexdigest() == row["sha256"]
    # The justerad document is exported as its archived bytes.
    justerad = meeting_docs["b"]
    justerad.refresh_from_db()
    row = next(r for r in rows if r["dnr"] == "KUN 2026/2")
    if justerad.archived_sha256:
        assert row["sha256"] == justerad.archived_sha256
    assert not list(media.rglob(".part-*"))  # no half-written file left behind


def test_progress_page_without_js_and_status_json(meeting_docs, users, client):
    job = exports.create_export(user=users["sekreterare"], ids=[meeting_docs["a"].pk],
                                fmt="pdf")
    client.force_login(users["sekreterare"])
    html = client.get(reverse("responses:export_detail", args=[job.pk])).content.decode()
    assert "<progress" in html and 'aria-valuenow="0"' in html
    assert '<meta http-equiv="refresh"' in html  # inside <noscript>: reloads without JS
    assert 'aria-live="polite"' in html
    status = client.get(reverse("responses:export_status", args=[job.pk])).json()
    assert status == {**status, "done": False, "progress": 0, "total": 1, "download_url": ""}
    assert client.get(reverse("responses:export_download", args=[job.pk])).status_code == 409


def test_other_users_cannot_see_a_job(meeting_docs, users, client):
    job = exports.create_export(user=users["sekreterare"], ids=[meeting_docs["a"].pk],
                                fmt="pdf")
    client.force_login(users["handlaggare_a"])
    for name in ["export_detail", "export_status", "export_download"]:
        assert client.get(reverse(f"responses:{name}", args=[job.pk])).status_code == 404
    assert client.get(reverse("responses:export_start")).status_code == 403


def test_bad_input_gives_swedish_message(meeting_docs, users, client):
    client.force_login(users["sekreterare"])
    response = client.post(reverse("responses:export_start"), {"format": "pdf"})
    assert response.status_code == 200
    assert "Välj minst ett tjänsteutlåtande." in response.content.decode()
    response = client.get(reverse("responses:export_start"), {"meeting_date": "19/11"})
    assert "ÅÅÅÅ-MM-DD" in response.content.decode()
    assert not ExportJob.objects.exists()


def test_remissammanstallning_for_slk(make_utlatande, users, remiss, client, eager_celery,
                                      django_capture_on_commit_callbacks, media):
    make_utlatande(state=State.BESLUTAD, stance="tillstyrker")
    make_utlatande(state=State.BESVARAD, organisation="rik", own_dnr="RIK 2026/9")
    url = reverse("responses:sammanstallning", args=[remiss.pk])
    client.force_login(users["sekreterare"])
    assert client.get(url).status_code == 403
    client.force_login(users["slk"])
    assert "2 beslutade svar" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    job = ExportJob.objects.get(kind=exports.KIND_SAMMANSTALLNING)
    assert response["Location"] == reverse("responses:export_detail", args=[job.pk])
    assert job.status == ExportJob.Status.DONE
    with job.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Remissammanställning: Reviderat program för kvalitetsutveckling" in cover
    assert "Kulturnämnden" in cover and "Tillstyrker" in cover
    assert [o.title for o in reader.outline][1:] == ["Kulturnämnden",
                                                     "Rinkeby-Kista stadsdelsnämnd"]
    assert reader.metadata.title.startswith("Remissammanställning: ")
    # Titled and named as a remissammanställning, not as an export for justering.
    detail = client.get(response["Location"]).content.decode()
    assert "<h1>Remissammanställning</h1>" in detail and "Export för justering" not in detail
    download = client.get(reverse("responses:export_download", args=[job.pk]))
    assert ('filename="remissammanstallning-KS-2026-1350-'
            in download["Content-Disposition"])
    assert download["Content-Disposition"].endswith('.pdf"')


def test_remissammanstallning_without_answers_says_so(users, remiss, client):
    client.force_login(users["slk"])
    url = reverse("responses:sammanstallning", args=[remiss.pk])
    response = client.post(url)
    assert "Remissen har inga beslutade svar ännu." in response.content.decode()
    assert not ExportJob.objects.exists()
