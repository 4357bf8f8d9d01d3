"""import_utlatande: the --dry-run JSON contract, saving, dedupe and bad input."""

import datetime
import io
import json
import zoneinfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone
from pypdf import PdfWriter

from responses.importer.parser import parse_text
from responses.models import Bilaga, State, Utlatande

from .seeds import SEED_DIR, SEEDS, seed_text

CONTRACT_KEYS = {"title", "dnr", "own_dnr", "date", "till", "handlaggare", "decision_points",
                 "signatories", "sections", "bilagor", "warnings"}


def run(*args):
    out = io.StringIO()
    call_command("import_utlatande", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("name", SEEDS)
def test_dry_run_json_is_the_contract_and_saves_nothing(name):
    data = json.loads(run(str(SEED_DIR / name), "--dry-run", "--format", "json"))
    # The contract's keys keep their shape; "confidence" is the one key added since.
    assert set(data) == CONTRACT_KEYS | {"confidence"}
    assert set(data["confidence"]) == {"title", "dnr", "own_dnr", "date", "till",
                                       "handlaggare", "decision_points", "signatories"}
    assert all(0.0 <= v <= 1.0 for v in data["confidence"].values())
    assert data == parse_text(seed_text(name)).to_json()
    assert data["decision_points"] == SEEDS[name]["decision_points"]
    assert all(set(s) == {"heading", "text"} for s in data["sections"])
    assert all(set(p) == {"name", "telefon"} for p in data["handlaggare"])
    assert all(set(p) == {"name", "title"} for p in data["signatories"])
    assert Utlatande.objects.count() == 0


@pytest.mark.django_db
def test_dry_run_json_dates_iso_and_nulls(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Datum: 19 oktober 2021\n\nSammanfattning\n\nText.\n", encoding="utf-8")
    data = json.loads(run(str(path), "--dry-run", "--format", "json"))
    assert data["date"] == "2021-10-19"
    assert data["title"] is None and data["till"] is None and data["own_dnr"] is None


def test_import_saves_structured_answer(remiss, orgs):
    run(str(SEED_DIR / "2011-rinkeby-kista.txt"), "--remiss", "KS 2026/1350",
        "--organisation", "Rinkeby-Kista stadsdelsnämnd")
    utlatande = Utlatande.objects.get()
    assert utlatande.imported and utlatande.state == State.BESVARAD
    assert utlatande.organisation == orgs["rik"]
    assert utlatande.handlaggare == [{"name": "Klas Robinson", "telefon": "08-508 01352"}]
    assert utlatande.decision_points == SEEDS["2011-rinkeby-kista.txt"]["decision_points"]
    assert [s["name"] for s in utlatande.signatories] == ["Olle Johnselius",
                                                          "Verner Stadthagen"]
    assert [s["heading"] for s in utlatande.sections] == [
        "Sammanfattning", "Remissbehandling",
        "Stadsledningskontorets förslag till program för kvalitetsutveckling",
        "Förvaltningens synpunkter"]
    assert "<ul><li>Att stockholmarnas" in utlatande.sections[2]["html"]
    assert "<em>formulera åtaganden</em>" in utlatande.sections[2]["html"]
    bilagor = list(utlatande.bilagor.all())
    assert [b.title for b in bilagor] == ["Stadsledningskontorets tjänsteutlåtande 2011-06-14.",
                                          "Originalfil: 2011-rinkeby-kista.txt"]
    assert bilagor[1].file.read() == (SEED_DIR / "2011-rinkeby-kista.txt").read_bytes()
    assert utlatande.links.get().recipient.answered_at is not None


def test_reimport_same_file_does_not_duplicate(remiss, orgs):
    args = (str(SEED_DIR / "2016-kulturforvaltningen.txt"), "--remiss", "KS 2026/1350",
            "--organisation", "kun")
    run(*args)
    out = run(*args)
    assert "Redan importerad" in out
    assert Utlatande.objects.count() == 1
    assert Bilaga.objects.count() == 3


def test_second_different_file_for_same_recipient_refused(remiss, orgs):
    run(str(SEED_DIR / "2016-kulturforvaltningen.txt"), "--remiss", "KS 2026/1350",
        "--organisation", "kun")
    with pytest.raises(CommandError, match="har redan ett tjänsteutlåtande"):
        run(str(SEED_DIR / "2016-stadsarkivet.txt"), "--remiss", "KS 2026/1350",
            "--organisation", "kun")
    assert Utlatande.objects.count() == 1


@pytest.mark.parametrize("args, message", [
    (("--remiss", "KS 1999/1", "--organisation", "kun"), "ingen remiss med diarienummer"),
    (("--remiss", "KS 2026/1350", "--organisation", "Nöjesnämnden"),
     "ingen organisation som heter"),
    (("--remiss", "KS 2026/1350", "--organisation", "ks"), "inte remissinstans"),
])
def test_unknown_remiss_or_organisation(remiss, orgs, args, message):
    with pytest.raises(CommandError, match=message):
        run(str(SEED_DIR / "2016-stadsarkivet.txt"), *args)
    assert Utlatande.objects.count() == 0 and Bilaga.objects.count() == 0


def _encrypted_pdf():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("hemligt")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _long_pdf(pages=200):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("filename, content, message", [
    ("tom.txt", b"", "Filen är tom"),
    ("blanksteg.txt", b"  \n\n \n", "ingen text"),
    ("bild.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "Filtypen stöds inte"),
    ("binar.docx", bytes(range(256)) * 4, "Filtypen stöds inte"),
    ("trasig.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrasigt", "skadad"),
    ("trasig.docx", b"PK\x03\x04" + b"\x00" * 100, "Filtypen stöds inte"),
    ("krypterad.pdf", None, "krypterad"),
    ("lang.pdf", "long", "200 sidor"),
    ("tom.pdf", "blank", "ingen text"),
])
def test_bad_input_clear_swedish_error_nothing_saved(remiss, orgs, tmp_path, filename,
                                                     content, message):
    if content is None:
        content = _encrypted_pdf()
    elif content == "long":
        content = _long_pdf()
    elif content == "blank":
        content = _long_pdf(1)
    path = tmp_path / filename
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path), "--remiss", "KS 2026/1350", "--organisation", "kun")
    assert Utlatande.objects.count() == 0 and Bilaga.objects.count() == 0


def test_cp1252_text_is_read(remiss, orgs, tmp_path):
    path = tmp_path / "gammal.txt"
    path.write_bytes("Sammanfattning\n\nFörvaltningen ställer sig positiv till "
                     "förslaget.\n".encode("cp1252"))
    run(str(path), "--remiss", "KS 2026/1350", "--organisation", "kun")
    utlatande = Utlatande.objects.get()
    assert "Förvaltningen ställer sig positiv" in utlatande.sections[0]["html"]
    assert utlatande.stance == "tillstyrker"


def test_nothing_half_saved_when_a_later_step_fails(remiss, orgs, monkeypatch, media):
    from responses.importer import service

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(service.TransitionRecord.objects, "create", boom)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create(username="sek", organisation=orgs["kun"])
    with pytest.raises(RuntimeError):
        service.import_utlatande(data=(SEED_DIR / "2016-stadsarkivet.txt").read_bytes(),
                                 filename="x.txt", remiss=remiss, organisation=orgs["kun"],
                                 by=user)
    assert Utlatande.objects.count() == 0 and Bilaga.objects.count() == 0
    assert not any(media.rglob("import-*")), "the original file was left behind"


@pytest.mark.django_db
def test_several_files_give_a_list_and_text_report_names_guesses():
    files = [str(SEED_DIR / name) for name in SEEDS]
    data = json.loads(run(*files, "--dry-run", "--format", "json"))
    assert isinstance(data, list) and len(data) == 4
    assert all(set(item) == CONTRACT_KEYS | {"confidence"} for item in data)
    out = run(str(SEED_DIR / "2016-kulturforvaltningen.txt"), "--dry-run")
    assert "[gissat] KS diarienummer 174-742/2016" in out
    assert "[fritext] Rubriken ”UTLÅTANDE”" in out
    assert "ingenting sparades" in out
    assert Utlatande.objects.count() == 0


def test_missing_remiss_without_dry_run_refused(db):
    with pytest.raises(CommandError, match="--remiss"):
        run(str(SEED_DIR / "2016-stadsarkivet.txt"))


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_text_encodings(tmp_path, encoding):
    path = tmp_path / "svar.txt"
    path.write_bytes("Sammanfattning\n\nFörvaltningen ställer sig bakom förslaget.\n"
                     .encode(encoding))
    data = json.loads(run(str(path), "--dry-run", "--format", "json"))
    assert data["sections"] == [{"heading": "Sammanfattning",
                                 "text": "Förvaltningen ställer sig bakom förslaget."}]


def test_joint_answer_keeps_each_signatorys_forvaltning(remiss, orgs):
    from organisations.models import Organisation, OrganisationKind

    Organisation.objects.create(short="ssa", name="Kulturnämnden, Stadsarkivet",
                                forvaltning="Stadsarkivet", kind=OrganisationKind.FACKNAMND)
    path = SEED_DIR.parents[2] / "tests" / "importer" / "documents" / (
        "gemensamt-kultur-stadsarkivet.txt")
    run(str(path), "--remiss", "KS 2026/1350", "--organisation", "kun")
    utlatande = Utlatande.objects.get()
    assert [(s["name"], s["title"], s["organisation"]) for s in utlatande.signatories] == [
        ("Per Ekström", "Förvaltningschef", "kun"), ("Eva Sundberg", "Stadsarkivarie", "ssa")]
    assert utlatande.own_dnr == "4.1-0456/2021"
    assert utlatande.date.isoformat() == "2021-10-12"


def test_imported_answer_is_received_through_the_recipient_service(remiss, orgs, heard_changes,
                                                                   tmp_path,
                                                                   django_capture_on_commit_callbacks):
    """An archived answer is received on its own date (before the record was sent), with a
    history row, and its reminders are rescheduled like any other receipt."""
    path = tmp_path / "svar.txt"
    path.write_text("Datum: 19 oktober 2021\n\nSammanfattning\n\nFörvaltningen tillstyrker.\n",
                    encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        run(str(path), "--remiss", "KS 2026/1350", "--organisation", "kun")
    recipient = Utlatande.objects.get().links.get().recipient
    assert timezone.localdate(recipient.answered_at).isoformat() == "2021-10-19"
    assert recipient.history.first().history_change_reason == "Svar importerat"
    assert [recipient.pk] in [sorted(ids) for ids in heard_changes]


def test_an_answer_imported_in_the_morning_is_not_received_in_the_future(remiss, orgs):
    """A seed without a date is received today: at the moment of import, not at noon (SLK's
    inbox would show it as new all morning, however often it was marked read)."""
    morning = datetime.datetime(2026, 12, 2, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm"))
    with time_machine.travel(morning, tick=False):
        run(str(SEED_DIR / "2016-kulturforvaltningen.txt"), "--remiss", "KS 2026/1350",
            "--organisation", "kun")
        recipient = Utlatande.objects.get().links.get().recipient
        assert recipient.answered_at == timezone.now()
