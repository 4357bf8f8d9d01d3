"""E-arkiv: one E-ARK SIP 2.1 per remiss ärende, accepted by eark-validator, with its ERMS
valid against the CITS ERMS schema and PREMIS fixity that matches the files, whose bytes
are those of record."""

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from archive.earkiv.export import build_remiss_package
from archive.models import ExportStatus, SignedDocument
from programs.models import RemissStatus
from responses.models import Utlatande
from responses.pdf.archive import archive_final_pdf

from ..conftest import PASSWORD
from .eark import validation_errors

pytestmark = pytest.mark.django_db
XSD = Path(__file__).resolve().parents[2] / "archive" / "earkiv" / "schemas" / "ERMS_v3.xsd"
PREMIS = "{http://www.loc.gov/premis/v3}"
METS = "{http://www.loc.gov/METS/}"
XLINK = "{http://www.w3.org/1999/xlink}"


@pytest.fixture
def archived(justerad):
    """The justerad answer with its PDF/A archived, as the justering's task does."""
    return archive_final_pdf(Utlatande.objects.get(pk=justerad.utlatande_id))


def _unpack(data: bytes, folder: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
        [root] = {name.split("/", 1)[0] for name in archive.namelist()}
    return folder / root


def test_export_earkiv_writes_a_valid_sip(archived, justerad, tmp_path):
    out = tmp_path / "paket.zip"
    call_command("export_earkiv", "--remiss", "KS 2026/1350", "--out", str(out))
    package = _unpack(out.read_bytes(), tmp_path / "unpacked")

    assert validation_errors(package) == []

    erms = etree.parse(str(package / "metadata/descriptive/erms.xml"))
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(erms), schema.error_log
    ns = {"e": "https://DILCIS.eu/XML/ERMS"}
    assert erms.findtext(".//e:aggregation/e:objectId", namespaces=ns) == "KS 2026/1350"
    signatories = erms.xpath("//e:record[@recordType='protokollsutdrag']//e:agent/e:name/text()",
                             namespaces=ns)
    assert signatories == ["Ulla Ek", "Per Berg"]

    # PREMIS fixity: every data file, and each digest is the file's.
    premis = etree.parse(str(package / "metadata/preservation/premis.xml"))
    fixity = {obj.findtext(f"{PREMIS}objectIdentifier/{PREMIS}objectIdentifierValue"):
              obj.findtext(f".//{PREMIS}messageDigest") for obj in premis.iter(f"{PREMIS}object")}
    every_file = sorted(str(p.relative_to(package)) for p in package.rglob("*") if p.is_file())
    # All but premis.xml itself and the package METS written after it (METS has both).
    assert sorted(fixity) == [f for f in every_file
                              if f not in ("METS.xml", "metadata/preservation/premis.xml")]
    assert sum(f.startswith("representations/rep1/data/") for f in fixity) == 3
    for path, digest in fixity.items():
        assert hashlib.sha256((package / path).read_bytes()).hexdigest() == digest

    # The METS checksums match too.
    for mets_path in (package / "METS.xml", package / "representations/rep1/METS.xml"):
        for file_el in etree.parse(str(mets_path)).iter(f"{METS}file"):
            href = file_el.find(f"{METS}FLocat").get(f"{XLINK}href")
            target = mets_path.parent / href
            assert hashlib.sha256(target.read_bytes()).hexdigest() == file_el.get("CHECKSUM")

    # Bit-identical to the stored PDF/A and the signed protokollsutdrag.
    svar = package / "representations/rep1/data/svar"
    answer = (svar / "kun-tjansteutlatande.pdf").read_bytes()
    assert hashlib.sha256(answer).hexdigest() == archived.archived_sha256
    [utdrag] = svar.glob("kun-protokollsutdrag-*-41.pdf")
    assert utdrag.read_bytes() == SignedDocument.objects.get(arende=justerad).read()


def test_a_stored_file_that_no_longer_matches_its_digest_stops_the_export(archived, tmp_path):
    Utlatande.objects.filter(pk=archived.pk).update(archived_sha256="0" * 64)
    with pytest.raises(CommandError, match="stämmer inte med sin kontrollsumma"):
        call_command("export_earkiv", "--remiss", "KS 2026/1350",
                     "--out", str(tmp_path / "x.zip"))
    assert not (tmp_path / "x.zip").exists()


def test_unknown_dnr_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Det finns ingen remiss med diarienumret KS 2026/9"):
        call_command("export_earkiv", "--remiss", "KS 2026/9", "--out", str(tmp_path / "x.zip"))


def test_a_years_closed_remisser_as_a_batch_with_progress(archived, justerad, tmp_path):
    remiss = justerad.utlatande.links.get().recipient.remiss
    remiss.status = RemissStatus.AVSLUTAD
    remiss.closed_at = timezone.now()
    remiss.save()
    from archive.services import earkiv_year_export_create
    from archive.tasks import run_earkiv_export

    export = earkiv_year_export_create(year=remiss.closed_at.year)
    run_earkiv_export(export.pk)  # what the worker does on commit
    export.refresh_from_db()
    assert (export.status, export.done, export.total, export.percent) == (
        ExportStatus.KLAR, 1, 1, 100)
    data = export.result.read()
    assert hashlib.sha256(data).hexdigest() == export.sha256
    with zipfile.ZipFile(io.BytesIO(data)) as outer:
        assert outer.namelist() == ["e-arkiv-KS-2026-1350.zip"]
        inner = outer.read("e-arkiv-KS-2026-1350.zip")
    assert validation_errors(_unpack(inner, tmp_path / "batch")) == []


def test_administrators_download_a_package_from_the_page(archived, client, users):
    client.login(username="admin", password=PASSWORD)
    page = client.get(reverse("archive:earkiv"))
    assert "Export till e-arkiv" in page.content.decode()
    response = client.post(reverse("archive:earkiv"), {"remiss": "1", "ks_dnr": "KS 2026/1350"})
    assert response["Content-Type"] == "application/zip"
    assert hashlib.sha256(response.content).hexdigest() == response["X-Checksum-SHA256"]
    missing = client.post(reverse("archive:earkiv"), {"remiss": "1", "ks_dnr": "KS 2026/9"})
    assert missing.status_code == 400
    assert "Det finns ingen remiss med det diarienumret." in missing.content.decode()


def test_only_administrators_export(client, users):
    client.login(username="sekreterare.kultur", password=PASSWORD)
    assert client.get(reverse("archive:earkiv")).status_code == 403
    assert client.post(reverse("archive:earkiv_year"), {"year": 2026}).status_code == 403


def test_package_ids_differ_and_name_the_root_folder(archived):
    remiss = archived.links.get().recipient.remiss
    first, second = build_remiss_package(remiss), build_remiss_package(remiss)
    assert first.objid != second.objid
    assert all(name.startswith(first.objid + "/") for name in first.files)


def test_the_validator_does_find_a_broken_package(archived, tmp_path):
    package = build_remiss_package(archived.links.get().recipient.remiss)
    folder = _unpack(package.data, tmp_path / "broken")
    mets = folder / "METS.xml"
    mets.write_text(mets.read_text().replace('LABEL="CSIP"', 'LABEL="Paket"', 1))
    assert any(" CSIP82 " in error for error in validation_errors(folder))


def test_export_earkiv_on_a_demo_remiss(tmp_path, settings):
    """The demo's 2016 remiss with its two real answers (imported, archived on export)."""
    settings.DEBUG = True  # seed_demo refuses otherwise (the demo password)
    call_command("seed_demo")
    out = tmp_path / "demo.zip"
    call_command("export_earkiv", "--remiss", "174-742/2016", "--out", str(out))
    package = _unpack(out.read_bytes(), tmp_path / "demo")
    assert validation_errors(package) == []
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(etree.parse(str(package / "metadata/descriptive/erms.xml")))
    answers = sorted(p.name for p in (package / "representations/rep1/data/svar").iterdir())
    assert answers == ["kun-tjansteutlatande.pdf", "ssa-tjansteutlatande.pdf"]
    premis = etree.parse(str(package / "metadata/preservation/premis.xml"))
    for obj in premis.iter(f"{PREMIS}object"):
        path = obj.findtext(f"{PREMIS}objectIdentifier/{PREMIS}objectIdentifierValue")
        digest = obj.findtext(f".//{PREMIS}messageDigest")
        assert hashlib.sha256((package / path).read_bytes()).hexdigest() == digest
    for answer in Utlatande.objects.filter(links__recipient__remiss__ks_dnr="174-742/2016"):
        stored = answer.archived_pdf.read()
        assert (package / "representations/rep1/data/svar" /
                f"{answer.organisation.short}-tjansteutlatande.pdf").read_bytes() == stored


def test_data_file_names_are_plain_paths(archived):
    package = build_remiss_package(archived.links.get().recipient.remiss)
    data = sorted(name.split("/data/", 1)[1] for name in package.files if "/data/" in name)
    assert data[0].startswith("remiss/01-forslag") and data[0].endswith(".pdf")
    assert all(name.isascii() and " " not in name for name in data)
