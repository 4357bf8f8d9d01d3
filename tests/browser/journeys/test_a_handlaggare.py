"""Journey (a), and the editor's hard cases: the handläggare's whole journey in a real
browser, and the conflict flow in two browser contexts. Screenshots of the desk and the
editor go to docs/screenshots/ with UPDATE_DOC_SCREENSHOTS=1."""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Sammantrade
from responses.models import State, Utlatande
from tests.browser.conftest import DOC_SCREENSHOTS
from tests.conftest import PASSWORD

# The machine is shared: be patient rather than flaky.
expect.set_options(timeout=20_000)
# A 1×1 PNG: real image bytes, accepted by remiss.uploads.validate_upload.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


pytestmark = pytest.mark.usefixtures("plain_static_names")


@pytest.fixture(autouse=True)
def eager_celery():
    """The PDF archive task queued at justering runs in-process (no broker in tests)."""
    from remiss.celery import app as celery_app

    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


def synpunkter(page):
    return page.get_by_role("textbox", name="Text i Förvaltningens synpunkter")


def test_handlaggare_journey(as_user, users, remiss):
    users["granskare"].title = "Förvaltningschef"
    users["granskare"].save()
    me = as_user("handlaggare.kultur")
    expect(me.get_by_text("14 dagar kvar")).to_be_visible()
    me.get_by_role("button", name=re.compile("Påbörja svar")).first.click()
    expect(me.get_by_role("heading", name="Redigera tjänsteutlåtande")).to_be_visible()
    expect(me.get_by_test_id("doc-status")).to_contain_text("Arbetsmaterial")
    expect(me.get_by_label("Rubrik", exact=True)).to_have_value(
        re.compile(r"\(KS 2026/1350\)\. Svar på remiss från kommunstyrelsen"))

    # Write with the toolbar; autosave shows the time.
    editor = synpunkter(me)
    editor.click()
    editor.press("End")
    editor.type("Förvaltningen ställer sig bakom programmet, se avsnitt 3.")
    expect(me.locator("#save-status")).to_contain_text(re.compile(r"Sparat \d\d:\d\d"),
                                                       timeout=15_000)
    me.get_by_label("Tillstyrker med synpunkter").check()
    expect(me.locator("#save-status")).to_contain_text("Osparade ändringar")
    expect(me.locator("#save-status")).to_contain_text("Sparat", timeout=15_000)
    doc = Utlatande.objects.get()
    assert doc.stance == "tillstyrker_med_synpunkter"
    assert "se avsnitt 3" in str(doc.sections)

    # Upload a bilaga.
    me.get_by_label("Bilagans titel").fill("Karta över verksamheterna")
    me.get_by_label(re.compile("^Fil")).set_input_files(
        {"name": "karta.png", "mimeType": "image/png", "buffer": PNG})
    me.get_by_role("button", name="Ladda upp bilaga").click()
    expect(me.get_by_text("Bilagan ”Karta över verksamheterna” är uppladdad.")).to_be_visible()
    expect(me.locator(".bilaga-list li")).to_have_count(2)
    DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    me.set_viewport_size({"width": 1280, "height": 900})
    me.screenshot(path=str(DOC_SCREENSHOTS / "editor.png"), full_page=True)

    # Send to review.
    me.get_by_role("link", name="Läs och granska").click()
    me.get_by_role("button", name="Skicka till granskning").click()
    expect(me.get_by_test_id("doc-status")).to_contain_text("Granskning")

    # The granskare comments on a section and returns the draft.
    reviewer = as_user("granskare.kultur")
    reviewer.goto(doc.get_absolute_url())
    reviewer.get_by_label("Avsnitt").select_option(label="Sammanfattning")
    reviewer.get_by_label("Kommentar", exact=True).fill("Sammanfattningen saknas.")
    reviewer.get_by_role("button", name="Lägg till kommentar").click()
    reviewer.get_by_label("Kommentar (krävs)").fill("Se kommentaren om sammanfattningen.")
    reviewer.get_by_role("button", name="Återförvisa till handläggaren").click()
    expect(reviewer.get_by_test_id("doc-status")).to_contain_text("Utkast")

    # The handläggare sees it on the desk, fixes it, resolves the comment, sends again.
    me.goto("/")
    expect(me.get_by_text("Återförvisat: Se kommentaren om sammanfattningen.")).to_be_visible()
    me.goto(f"/svar/{doc.pk}/redigera/")
    expect(me.get_by_text("Sammanfattningen saknas.")).to_be_visible()
    summary = me.get_by_role("textbox", name="Text i Sammanfattning")
    summary.click()
    summary.type("Kulturförvaltningen tillstyrker programmet med några synpunkter.")
    me.get_by_role("button", name="Spara och visa").click()
    expect(me.get_by_role("heading", level=1)).to_contain_text("Svar på remiss")
    me.get_by_role("button", name="Markera som åtgärdad").click()
    me.get_by_role("button", name="Skicka till granskning").click()
    expect(me.get_by_test_id("doc-status")).to_contain_text("Granskning")

    # Approval adds the signatory.
    reviewer.goto(doc.get_absolute_url())
    reviewer.get_by_role("button", name="Godkänn och underteckna").click()
    expect(reviewer.get_by_test_id("doc-status")).to_contain_text("Klar för nämnd")
    expect(reviewer.locator(".signatories")).to_contain_text("Förvaltningschef")

    # The nämndsekreterare records the decision at today's sammanträde: the answer's page
    # sends her there; the paragraph is justerad at once, as the förslag says.
    meeting = Sammantrade.objects.create(organisation=doc.organisation,
                                         date=timezone.localdate(), place="Kulturhuset")
    secretary = as_user("sekreterare.kultur")
    secretary.goto(doc.get_absolute_url())
    expect(secretary.get_by_text("registreras på sammanträdets sida")).to_be_visible()
    secretary.goto(meeting.get_absolute_url())
    item = secretary.get_by_role("group", name=doc.title)
    item.get_by_label("Beslut", exact=True).select_option(label="Beslut enligt förslaget")
    item.get_by_label("Paragraf (§)").fill("§ 14")
    expect(item.get_by_label("Justeras omedelbart")).to_be_checked()
    secretary.get_by_label("Justerare (för paragrafer som justeras omedelbart)").fill(
        "Ulla Ordförande")
    secretary.get_by_role("button", name="Registrera besluten").click()
    expect(secretary.get_by_role("status")).to_contain_text("1 ärende är registrerat.")
    secretary.goto(doc.get_absolute_url())
    expect(secretary.get_by_test_id("doc-status")).to_contain_text("Låst")
    doc.refresh_from_db()
    assert doc.state == State.JUSTERAD and doc.paragraph == "§ 14"

    # The answer goes to kommunstyrelsen: the recipient row counts as answered.
    secretary.get_by_role("button", name="Skicka svaret till kommunstyrelsen").click()
    expect(secretary.get_by_test_id("doc-status")).to_contain_text("Besvarad")
    doc.refresh_from_db()
    assert doc.state == State.BESVARAD
    assert remiss.recipients.get(organisation__short="kun").answered_at is not None
    assert [t.action for t in doc.transitions.all()] == [
        "skicka_till_granskning", "aterforvisa", "skicka_till_granskning", "godkann",
        "besluta", "justera", "besvara"]
    expect(secretary.locator(".timeline li")).to_have_count(7)


def _conflict(as_user):
    """Two editors of one new draft; the second saves after the first: the conflict page."""
    first = as_user("handlaggare.kultur")
    first.get_by_role("button", name=re.compile("Påbörja svar")).first.click()
    edit_url = first.url
    second = as_user("handlaggare.kultur")
    second.goto(edit_url)

    synpunkter(first).click()
    synpunkter(first).type("Första personens text.")
    expect(first.locator("#save-status")).to_contain_text("Sparat", timeout=15_000)

    synpunkter(second).click()
    synpunkter(second).type("Andra personens text.")
    # The autosave of the stale editor is refused, and the text stays on the page.
    expect(second.locator("#save-status")).to_contain_text("Inte sparat", timeout=15_000)
    expect(synpunkter(second)).to_contain_text("Andra personens text.")
    second.get_by_role("button", name="Spara", exact=True).click()
    expect(second.get_by_role("heading", name="Någon annan har sparat dokumentet")).to_be_visible()
    return second


def _stored_synpunkter() -> str:
    return next(s["html"] for s in Utlatande.objects.get().sections if s["kind"] == "synpunkter")


def test_conflict_in_two_browser_contexts(as_user, users, remiss):
    second = _conflict(as_user)
    expect(second.locator(".side-by-side").first).to_be_visible()
    expect(second.get_by_text("Första personens text.").first).to_be_visible()
    expect(second.get_by_text("Andra personens text.").first).to_be_visible()
    # The one section both changed offers to keep the saved text; here both are merged.
    expect(second.get_by_label(re.compile("Använd den sparade versionens text"))).to_have_count(1)
    # Merge: keep both sentences and save on top of the stored version.
    merged = second.get_by_role("textbox", name="Text i Förvaltningens synpunkter")
    merged.click()
    merged.press("End")
    merged.type(" Första personens text.")
    second.get_by_role("button", name="Spara sammanslagen version").click()
    expect(second.get_by_text(re.compile(r"Sparat \d\d:\d\d"))).to_be_visible()
    html = _stored_synpunkter()
    assert "Andra personens text." in html and "Första personens text." in html


def test_conflict_keeps_the_saved_text_of_a_section(as_user, users, remiss):
    second = _conflict(as_user)
    second.get_by_label(re.compile("Använd den sparade versionens text")).check()
    second.get_by_role("button", name="Spara sammanslagen version").click()
    expect(second.get_by_text(re.compile(r"Sparat \d\d:\d\d"))).to_be_visible()
    html = _stored_synpunkter()
    assert "Första personens text." in html and "Andra personens text." not in html


def test_desk_screenshot(as_user, db, demo_clock):
    """The desk of the demo city's handläggare, for the README."""
    from django.conf import settings

    from responses.demo import seed_demo

    seed_demo()
    desk = as_user("handlaggare.kultur", settings.DEMO_PASSWORD)
    desk.set_viewport_size({"width": 1280, "height": 900})
    expect(desk.get_by_role("heading", name="Väntar på dig")).to_be_visible()
    expect(desk.get_by_text(re.compile(r"\d+ dagar? (kvar|försenad)")).first).to_be_visible()
    DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    desk.screenshot(path=str(DOC_SCREENSHOTS / "desk.png"), full_page=True)


# What Word puts on the clipboard (trimmed): mso styles, fake bullets, o:p, comments.
WORD_HTML = (Path(__file__).resolve().parents[2] / "drafting" / "word_paste.html").read_text()


def test_paste_from_word_keeps_lists_and_drops_junk(as_user, users, remiss):
    page = as_user("handlaggare.kultur")
    page.get_by_role("button", name=re.compile("Påbörja svar")).first.click()
    page.wait_for_function("() => window.remissDrafting !== undefined")
    cleaned = page.evaluate("html => window.remissDrafting.cleanHtml(html)", WORD_HTML)
    assert "<h3>Synpunkter</h3>" in cleaned
    assert "<strong>" in cleaned or "<b>stödjer</b>" in cleaned
    assert "<ul><li>Första punkten</li><li>Andra punkten</li></ul>" in cleaned
    assert "<ol><li>Numrerad</li></ol>" in cleaned
    for junk in ("style", "class", "mso", "script", "javascript", "o:p", "xml", "·"):
        assert junk not in cleaned, junk
    assert '<a href="https://start.stockholm">bra</a>' in cleaned
    # A real paste event goes through the same cleaning into the editor.
    editor = synpunkter(page)
    editor.click()
    editor.evaluate("""(el, html) => {
        const data = new DataTransfer();
        data.setData('text/html', html);
        el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                                                      cancelable: true}));
    }""", WORD_HTML)
    expect(editor.locator("ul li")).to_have_count(2)
    expect(page.locator("#save-status")).to_contain_text("Sparat", timeout=15_000)
    html = next(s["html"] for s in Utlatande.objects.get().sections if s["kind"] == "synpunkter")
    assert "<li>Första punkten</li>" in html and "mso" not in html


def test_editor_works_without_javascript(browser, live_server, users, remiss):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("handlaggare.kultur")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("button", name=re.compile("Påbörja svar")).first.click()
    page.get_by_label("Text i Förvaltningens synpunkter").fill("<p>Utan skript.</p>")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text(re.compile(r"Sparat \d\d:\d\d"))).to_be_visible()
    assert "Utan skript." in str(Utlatande.objects.get().sections)
    context.close()
