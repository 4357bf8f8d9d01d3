"""Recording a sammanträde: decisions through the workflow, § uniqueness, återremiss and
bordläggning, justering of the minutes, and the protokollsutdrag."""

import datetime

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Arende, MeetingState, Outcome
from meetings.pdf import render_utdrag_pdf, utdrag_pdf_for
from meetings.plans import plans_for_recipients
from meetings.services import (
    ItemDecision,
    RecordingError,
    sammantrade_justera,
    sammantrade_record,
)
from programs.models import Recipient
from responses.models import State, TransitionRecord

from ..conftest import PASSWORD

D = datetime.date
pytestmark = pytest.mark.django_db
MEETING = D(2026, 9, 22)


@pytest.fixture
def after_meeting(frozen, time_machine):
    """The day after the September meeting (fixtures created before it stay as they are)."""
    time_machine.move_to(datetime.datetime(2026, 9, 23, 9, 0), tick=False)
    return D(2026, 9, 23)


@pytest.fixture
def three_answers(frozen, kultur_meetings, make_remiss, make_answer):
    answers = []
    for title in ("Idrottsprogram", "Biblioteksplan", "Arkivprogram"):
        recipient = make_remiss(D(2026, 9, 30), title=title).recipients.get()
        answers.append(make_answer(recipient, state=State.KLAR_FOR_NAMND,
                                   title=f"{title}. Svar på remiss från kommunstyrelsen"))
    return answers


def test_record_three_items_at_once(after_meeting, users, kultur_meetings, three_answers):
    meeting = kultur_meetings[MEETING]
    proposed, changed, tabled = three_answers
    sammantrade_record(meeting=meeting, by=users["sekreterare"], items=[
        ItemDecision(proposed, "101", Outcome.ENLIGT_FORSLAG, omedelbar_justering=True),
        ItemDecision(changed, "102", Outcome.ANDRAT,
                     decision_text="Kulturnämnden godkänner tjänsteutlåtandet med tillägget "
                                   "om fria entréer."),
        ItemDecision(tabled, "103", Outcome.BORDLAGT),
    ], justerare="Ulla Ordförande")
    for answer in three_answers:
        answer.refresh_from_db()
    assert (proposed.state, proposed.paragraph, proposed.justerad_date, proposed.justerare) == (
        State.JUSTERAD, "101", MEETING, "Ulla Ordförande")
    assert proposed.decision_text.startswith("1. Kulturnämnden godkänner förvaltningens")
    assert (changed.state, changed.decision_changed) == (State.BESLUTAD, True)
    assert changed.decision_text.endswith("fria entréer.")
    assert tabled.state == State.KLAR_FOR_NAMND
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.GENOMFORT
    assert TransitionRecord.objects.filter(action="besluta").count() == 2


def test_a_paragraph_used_twice_saves_nothing(after_meeting, users, kultur_meetings,
                                               three_answers):
    meeting = kultur_meetings[MEETING]
    a, b, _c = three_answers
    with pytest.raises(RecordingError) as error:
        sammantrade_record(meeting=meeting, by=users["sekreterare"], items=[
            ItemDecision(a, "7", Outcome.ENLIGT_FORSLAG),
            ItemDecision(b, "7", Outcome.ENLIGT_FORSLAG),
        ])
    assert "Paragrafnumret används redan vid sammanträdet." in error.value.message
    a.refresh_from_db()
    assert a.state == State.KLAR_FOR_NAMND
    assert not Arende.objects.exists()


def test_a_meeting_not_yet_held_cannot_be_recorded(frozen, users, kultur_meetings,
                                                   three_answers):
    with pytest.raises(RecordingError, match="inte hållits"):
        sammantrade_record(meeting=kultur_meetings[MEETING], by=users["sekreterare"],
                           items=[ItemDecision(three_answers[0], "1", Outcome.ENLIGT_FORSLAG)])


def test_aterremiss_sends_the_answer_back_and_replans(after_meeting, users, kultur_meetings,
                                                      make_remiss, make_answer):
    recipient = make_remiss(D(2026, 11, 30)).recipients.get()
    answer = make_answer(recipient, state=State.KLAR_FOR_NAMND)
    sammantrade_record(meeting=kultur_meetings[MEETING], by=users["sekreterare"],
                       items=[ItemDecision(answer, "9", Outcome.ATERREMITTERAT)])
    answer.refresh_from_db()
    assert answer.state == State.UTKAST
    assert TransitionRecord.objects.get(action="aterremittera").comment.startswith(
        "Återremitterat vid sammanträdet 2026-09-22")
    plan = plans_for_recipients([Recipient.objects.get(pk=recipient.pk)])[recipient.pk]
    assert plan.meeting.date == D(2026, 11, 17)
    assert plan.next.key == "utkast_klart"


def test_justering_of_the_minutes_justerar_pending_paragraphs(after_meeting, users,
                                                               kultur_meetings, three_answers):
    meeting = kultur_meetings[MEETING]
    a, b, _c = three_answers
    sammantrade_record(meeting=meeting, by=users["sekreterare"], items=[
        ItemDecision(a, "1", Outcome.ENLIGT_FORSLAG, omedelbar_justering=True),
        ItemDecision(b, "2", Outcome.ENLIGT_FORSLAG),
    ], justerare="Ulla Ordförande")
    justerade = sammantrade_justera(meeting=meeting, by=users["sekreterare"],
                                    justerare="Per Justerare", justerad_date=D(2026, 9, 23))
    assert [a.paragraph for a in justerade] == ["2"]
    b.refresh_from_db()
    a.refresh_from_db()
    assert (b.state, b.justerad_date, b.justerare) == (State.JUSTERAD, D(2026, 9, 23),
                                                        "Per Justerare")
    assert a.justerare == "Ulla Ordförande"


@pytest.fixture
def sekreterare_client(client, users):
    client.login(username=users["sekreterare"].username, password=PASSWORD)
    return client


def _post(client, meeting, answers, **items):
    data = {"record": "1", "justerare": items.pop("justerare", "")}
    for answer, (outcome, paragraph, text, immediate) in zip(answers, items["rows"],
                                                             strict=True):
        data[f"u{answer.pk}-outcome"] = outcome
        data[f"u{answer.pk}-paragraph"] = paragraph
        data[f"u{answer.pk}-decision_text"] = text
        if immediate:
            data[f"u{answer.pk}-omedelbar"] = "on"
    return client.post(reverse("meetings:meeting", args=[meeting.pk]), data)


def test_meeting_page_lists_planned_answers(after_meeting, sekreterare_client, kultur_meetings,
                                            three_answers):
    html = sekreterare_client.get(
        reverse("meetings:meeting", args=[kultur_meetings[MEETING].pk])).content.decode()
    for answer in three_answers:
        assert answer.title in html
    assert html.count("Planerat till detta sammanträde") >= 3


def test_record_form_errors_keep_everything_unsaved(after_meeting, sekreterare_client,
                                                    kultur_meetings, three_answers):
    meeting = kultur_meetings[MEETING]
    response = _post(sekreterare_client, meeting, three_answers, rows=[
        ("enligt_forslag", "5", "", False),
        ("andrat", "5", "", False),                 # § twice
        ("enligt_forslag", "6", "", True),          # omedelbar without justerare
    ])
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ange justerare för paragrafer som justeras omedelbart." in html
    assert "§ 5 används redan vid sammanträdet." in html
    assert not Arende.objects.exists()
    response = _post(sekreterare_client, meeting, three_answers, rows=[
        ("enligt_forslag", "5", "", False), ("andrat", "6", "", False), ("", "", "", False)])
    assert "Skriv beslutet så som nämnden fattade det." in response.content.decode()


def test_record_via_form_and_protokollsutdrag(after_meeting, sekreterare_client, users,
                                              kultur_meetings, three_answers):
    meeting = kultur_meetings[MEETING]
    response = _post(sekreterare_client, meeting, three_answers, justerare="Ulla Ordförande",
                     rows=[("enligt_forslag", "14", "", True),
                           ("andrat", "15", "Nämnden avstyrker programmet.", False),
                           ("bordlagt", "16", "", False)])
    assert response.status_code == 302
    page = sekreterare_client.get(response.url).content.decode()
    assert "/svar/justering/?meeting_date=2026-09-22" in page
    assert "Justera protokollet" in page          # § 15 waits for justering
    # § 16 was bordlagt and no later meeting is before the remisstid.
    assert "Hinner inte – begär anstånd" in page
    arende = Arende.objects.get(paragraph="14")
    html = sekreterare_client.get(reverse("meetings:utdrag", args=[arende.pk])).content.decode()
    assert "Protokollsutdrag" in html and "Kulturnämnden" in html
    assert "§ 14 Idrottsprogram. Svar på remiss från kommunstyrelsen" in html
    assert "Justerat 2026-09-22" in html and "Ulla Ordförande" in html
    assert "2026-09-22, Kulturhuset, sal 3" in html
    # Not yet justerad: no PDF (409) until the minutes are justerade.
    changed = Arende.objects.get(paragraph="15")
    response = sekreterare_client.get(reverse("meetings:utdrag_pdf", args=[changed.pk]))
    assert response.status_code == 409
    pdf = sekreterare_client.get(reverse("meetings:utdrag_pdf", args=[arende.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="protokollsutdrag-kun-2026-09-22-14.pdf"' in pdf["Content-Disposition"]


def test_protokollsutdrag_pdf_text_and_pdfa(after_meeting, users, kultur_meetings,
                                            three_answers, tmp_path):
    meeting = kultur_meetings[MEETING]
    sammantrade_record(meeting=meeting, by=users["sekreterare"], items=[
        ItemDecision(three_answers[1], "15", Outcome.ANDRAT,
                     decision_text="Nämnden avstyrker programmet."),
    ])
    sammantrade_justera(meeting=meeting, by=users["sekreterare"], justerare="Per Justerare",
                        justerad_date=D(2026, 9, 23))
    path = tmp_path / "utdrag.pdf"
    path.write_bytes(render_utdrag_pdf(Arende.objects.get()))
    assert utdrag_pdf_for(three_answers[1])[:5] == b"%PDF-"
    assert utdrag_pdf_for(three_answers[0]) is None        # not decided
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in ("Kulturnämnden", "Protokollsutdrag", "§ 15", "Biblioteksplan",
                     "Nämnden avstyrker programmet.", "Justerat 2026-09-23", "Per Justerare"):
        assert expected in text
    assert b"pdfaid" in reader.xmp_metadata.stream.get_data()


def test_other_organisations_cannot_record(after_meeting, client, users, kultur_meetings,
                                           three_answers):
    client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    response = _post(client, kultur_meetings[MEETING], three_answers[:1],
                     rows=[("enligt_forslag", "1", "", False)])
    assert response.status_code == 403
    assert not Arende.objects.exists()


def test_bordlagt_item_shows_its_next_meeting(after_meeting, sekreterare_client, users,
                                              kultur_meetings, make_remiss, make_answer):
    recipient = make_remiss(D(2026, 12, 31)).recipients.get()
    answer = make_answer(recipient, state=State.KLAR_FOR_NAMND)
    meeting = kultur_meetings[MEETING]
    sammantrade_record(meeting=meeting, by=users["sekreterare"],
                       items=[ItemDecision(answer, "3", Outcome.BORDLAGT)])
    page = sekreterare_client.get(reverse("meetings:meeting", args=[meeting.pk]))
    assert "Planeras nu till sammanträdet 2026-10-20" in page.content.decode()
