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
