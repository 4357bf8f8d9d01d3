"""The upload page: roles, preview before saving, saving, errors in Swedish."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from responses.models import Bilaga, State, TransitionRecord, Utlatande

from .seeds import SEED_DIR

URL = reverse("responses:import_upload")
CONFIRM = reverse("responses:import_confirm")


def _upload(client, remiss, org, name="2016-kulturforvaltningen.txt", data=None):
    data = (SEED_DIR / name).read_bytes() if data is None else data
    return client.post(URL, {"file": SimpleUploadedFile(name, data), "remiss": remiss.pk,
                             "organisation": org.pk, "state": State.BESVARAD})


@pytest.mark.parametrize("role", ["handlaggare_a", "granskare", "slk"])
def test_other_roles_forbidden(client, users, role):
    client.force_login(users[role])
    assert client.get(URL).status_code == 403
    assert client.post(CONFIRM, {"sha256": "0" * 64}).status_code == 403


def test_anonymous_redirected_to_login(client, db):
    assert client.get(URL).status_code == 302


def test_sekreterare_sees_own_organisation_only(client, users, remiss, orgs):
    client.force_login(users["sekreterare"])
    response = client.get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["organisation"].queryset) == [orgs["kun"]]
    assert remiss in form.fields["remiss"].queryset
    response = _upload(client, remiss, orgs["rik"])
    assert "organisation" in response.context["form"].errors
    assert Utlatande.objects.count() == 0


def test_preview_then_save(client, users, remiss, orgs):
    client.force_login(users["sekreterare"])
    response = _upload(client, remiss, orgs["kun"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Förhandsgranska import" in html and "Importrapport" in html
    assert "Kulturförvaltningens synpunkter" in html
    assert "<li>Analysmetoder</li>" in html
    assert "<h5>Inledning</h5>" in html  # sub-headings below the h4 sections
    assert "174-742/2016" in html  # the KS dnr guessed from Underlag för beslut
    assert Utlatande.objects.count() == 0  # nothing saved before confirming
    sha = response.context["sha256"]
    response = client.post(CONFIRM, {"sha256": sha})
    utlatande = Utlatande.objects.get()
    assert response.status_code == 302 and response["Location"] == utlatande.get_absolute_url()
    assert utlatande.imported and utlatande.state == State.BESVARAD
    record = TransitionRecord.objects.get(utlatande=utlatande)
    assert record.by == users["sekreterare"] and record.action == "importera"
    assert "Gissat: KS diarienummer 174-742/2016" in record.comment  # the report is kept
    assert Bilaga.objects.filter(utlatande=utlatande).count() == 3
    # Saving again (back button) does not duplicate.
    assert client.post(CONFIRM, {"sha256": sha}).status_code == 404
    _upload(client, remiss, orgs["kun"])
    client.post(CONFIRM, {"sha256": sha})
    assert Utlatande.objects.count() == 1


def test_admin_may_import_for_any_recipient(client, users, remiss, orgs):
    client.force_login(users["admin"])
    response = _upload(client, remiss, orgs["rik"], "2011-rinkeby-kista.txt")
    client.post(CONFIRM, {"sha256": response.context["sha256"]})
    assert Utlatande.objects.get().organisation == orgs["rik"]


def test_cannot_save_someone_elses_upload(client, users, remiss, orgs, make_user):
    client.force_login(users["sekreterare"])
    sha = _upload(client, remiss, orgs["kun"]).context["sha256"]
    client.logout()
    client.force_login(users["admin"])
    assert client.post(CONFIRM, {"sha256": sha}).status_code == 404
    assert Utlatande.objects.count() == 0


@pytest.mark.parametrize("name, data, message", [
    ("tom.txt", b"", "tom"),
    ("bild.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "Filtypen stöds inte"),
    ("trasig.pdf", b"%PDF-1.4\ntrasigt", "PDF-filen är skadad"),
])
def test_bad_file_shows_swedish_error(client, users, remiss, orgs, name, data, message):
    client.force_login(users["sekreterare"])
    response = _upload(client, remiss, orgs["kun"], name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert Utlatande.objects.count() == 0


def test_preview_shows_a_confidence_per_field(client, users, remiss, orgs):
    client.force_login(users["admin"])
    response = _upload(client, remiss, orgs["rik"], "2011-rinkeby-kista.txt")
    html = response.content.decode()
    rows = {field.name: (level, str(label))
            for field, level, label in response.context["corrections"].rows()}
    assert rows["title"] == ("sakert", "Säkert")  # it names the remiss and its KS dnr
    assert rows["handlaggare"] == ("sakert", "Säkert")  # read by its label
    assert rows["date"] == ("saknas", "Saknas – fyll i om du kan")
    assert 'value="Stadsledningskontorets förslag till program för kvalitetsutveckling. ' \
           'Remiss från kommunstyrelsen' in html
    assert "Klas Robinson, 08-508 01352" in html
    assert 'aria-describedby="id_rattelse-date_confidence"' in html


def test_corrected_fields_are_saved_and_recorded(client, users, remiss, orgs):
    client.force_login(users["sekreterare"])
    response = _upload(client, remiss, orgs["kun"])
    form = response.context["corrections"]
    data = {f"rattelse-{name}": value for name, value in form.initial.items()}
    data.update({"sha256": response.context["sha256"], "rattelse-skickad": "1",
                 "rattelse-title": "Reviderat program för kvalitetsutveckling (KS 2016/742). "
                                   "Svar på remiss från kommunstyrelsen",
                 "rattelse-date": "2016-11-08",
                 "rattelse-handlaggare": "Maria Lindqvist, 08-508 319 12\nAnna Berg",
                 "rattelse-signatories": "Per Ekström, Förvaltningschef"})
    response = client.post(CONFIRM, data)
    utlatande = Utlatande.objects.get()
    assert response.status_code == 302
    assert utlatande.title.startswith("Reviderat program för kvalitetsutveckling (KS 2016/742)")
    assert utlatande.date.isoformat() == "2016-11-08"
    assert utlatande.handlaggare == [{"name": "Maria Lindqvist", "telefon": "08-508 319 12"},
                                     {"name": "Anna Berg", "telefon": ""}]
    assert [(s["name"], s["title"]) for s in utlatande.signatories] == [
        ("Per Ekström", "Förvaltningschef")]
    # What was not touched stays as read; the history says what was corrected.
    assert utlatande.sections[0]["heading"] == "Sammanfattning"
    comment = TransitionRecord.objects.get(utlatande=utlatande).comment
    assert "Rättat före import: Rubrik, Datum, Handläggare, Undertecknare." in comment


def test_bad_correction_shows_the_preview_again_and_saves_nothing(client, users, remiss,
                                                                  orgs):
    client.force_login(users["sekreterare"])
    response = _upload(client, remiss, orgs["kun"])
    response = client.post(CONFIRM, {"sha256": response.context["sha256"],
                                     "rattelse-skickad": "1", "rattelse-date": "8/11 2016"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ange datumet som ÅÅÅÅ-MM-DD." in html and 'role="alert"' in html
    assert Utlatande.objects.count() == 0
    # The upload is still waiting: a valid correction saves it.
    response = client.post(CONFIRM, {"sha256": response.context["sha256"],
                                     "rattelse-skickad": "1", "rattelse-date": "2016-11-08"})
    assert response.status_code == 302
    assert Utlatande.objects.get().date.isoformat() == "2016-11-08"


def test_only_fields_sent_and_changed_are_corrections():
    import datetime

    from responses.importer.forms import CorrectionForm
    from responses.importer.parser import parse_text

    parsed = parse_text((SEED_DIR / "2011-rinkeby-kista.txt").read_text(encoding="utf-8"))
    form = CorrectionForm({"rattelse-date": "2011-09-01",
                           "rattelse-till": "Rinkeby-Kista Stadsdelsnämnd"}, parsed=parsed)
    assert form.is_valid()
    assert form.corrections() == {"date": datetime.date(2011, 9, 1)}
