"""Digital justering: the nämndsekreterare justerar the protokoll for its two justerare;
the downloaded protokollsutdrag carries two valid PAdES signatures and is still PDF/A;
Verifiera shows both signers, and a copy with one byte changed is reported as changed."""

import io
from concurrent.futures import ThreadPoolExecutor

from axe_playwright_python.sync_playwright import Axe
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pypdf import PdfReader

from archive.pdfa import pdfa_problems
from archive.verification import validation_context
from tests.archive.conftest import pki, signing, tsa_url  # noqa: F401 (fixtures)
from tests.conftest import PASSWORD


def _serious_violations(page):
    return [v["id"] for v in Axe().run(page).response["violations"]
            if v["impact"] in ("serious", "critical")]


def test_two_justerare_sign_and_verifiera_finds_a_changed_copy(page, login, held_meeting,
                                                               signing, tmp_path,  # noqa: F811
                                                               screenshot):
    meeting = held_meeting(["Arkivprogram"], 950)
    login("sekreterare.kultur", PASSWORD)
    page.goto(f"/sammantraden/mote/{meeting.pk}/")
    item = page.get_by_role("group", name="Arkivprogram. Svar på remiss från kommunstyrelsen")
    item.get_by_label("Beslut", exact=True).select_option(label="Beslut enligt förslaget")
    item.get_by_label("Paragraf (§)").fill("41")
    item.get_by_label("Justeras omedelbart").uncheck()
    page.get_by_role("button", name="Registrera besluten").click()
    assert "1 ärende är registrerat." in page.get_by_role("status").inner_text()

    justering = page.get_by_role("region", name="Justera protokollet")
    justering.get_by_label("Justerare").fill("Ulla Ek (ordförande) och Per Berg")
    justering.get_by_role("button", name="Justera").click()
    assert "Protokollet är justerat (1 paragraf)." in page.get_by_role("status").inner_text()

    page.get_by_role("link", name="Protokollsutdrag § 41").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner protokollsutdrag (PDF)").click()
    path = tmp_path / "utdrag.pdf"
    info.value.save_as(path)
    data = path.read_bytes()

    # pyHanko itself: two signatures, each intact, valid and trusted, named. (pyHanko runs
    # its own event loop, so not in this thread, where Playwright's loop runs.)
    embedded = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert [str(s.sig_object["/Name"]) for s in embedded] == ["Ulla Ek", "Per Berg"]
    with ThreadPoolExecutor(1) as pool:
        statuses = [pool.submit(validate_pdf_signature, signature, validation_context()).result()
                    for signature in embedded]
    assert all(s.intact and s.valid and s.trusted and s.bottom_line for s in statuses)
    # Still PDF/A: pdfaid in the newest XMP, and nothing the signatures added breaks it.
    assert PdfReader(io.BytesIO(data)).xmp_metadata is not None
    assert pdfa_problems(data) == []

    page.get_by_role("link", name="Verifiera underskrifterna").click()
    page.get_by_role("heading", name="Verifiera protokollsutdrag § 41").wait_for()
    assert "Oförändrad" in page.get_by_role("status").inner_text()
    table = page.get_by_role("table", name="2 underskrifter")
    assert table.get_by_role("cell", name="Ulla Ek", exact=True).is_visible()
    assert table.get_by_role("cell", name="Per Berg", exact=True).is_visible()
    assert table.get_by_text("Ordförande: justering av protokoll").is_visible()
    assert _serious_violations(page) == []
    screenshot(page, "archive-verifiera")

    changed = bytearray(data)
    changed[data.index(b"stream") + 200] ^= 0x01
    copy = tmp_path / "utdrag-kopia.pdf"
    copy.write_bytes(bytes(changed))
    page.goto("/arkiv/verifiera/")
    page.get_by_label("PDF-fil att verifiera").set_input_files(str(copy))
    page.get_by_role("button", name="Verifiera", exact=True).click()
    assert "Ändrad" in page.get_by_role("alert").inner_text()
    assert _serious_violations(page) == []
    screenshot(page, "archive-verifiera-andrad")
