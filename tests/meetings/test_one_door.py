"""The sammanträde is the one door for the nämnd's decisions: dates that cannot be true are
refused, the answer's page cannot record them, a repeated post stores one paragraph, a
wrong § or date is corrected before justering (and logged), and what the nämnd decided
reaches the answer, the protokollsutdrag and the archived PDF."""

import datetime
import io
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Arende, Outcome, StatementKind
from meetings.services import (
    ItemDecision,
    RecordingError,
    Statement,
    arende_correct,
    arende_justera,
    sammantrade_justera,
    sammantrade_record,
)
from meetings.signals import arende_justerad
from responses.models import State, TransitionRecord

from ..conftest import PASSWORD

D = datetime.date
pytestmark = pytest.mark.django_db
MEETING = D(2026, 9, 22)
CHANGED = "Kulturnämnden godkänner tjänsteutlåtandet med tillägget om fria entréer."


@pytest.fixture
def after_meeting(frozen, time_machine):
    """Two days after the September meeting."""
    time_machine.move_to(datetime.datetime(2026, 9, 24, 9, 0), tick=False)
    return D(2026, 9, 24)


@pytest.fixture
def answers(frozen, kultur_meetings, make_remiss, make_answer):
    made = []
    for title in ("Idrottsprogram", "Biblioteksplan", "Arkivprogram"):
        recipient = make_remiss(D(2026, 10, 30), title=title).recipients.get()
        made.append(make_answer(recipient, state=State.KLAR_FOR_NAMND,
                                title=f"{title}. Svar på remiss från kommunstyrelsen"))
    return made


@pytest.fixture
def secretary(client, users):
    client.login(username=users["sekreterare"].username, password=PASSWORD)
    return client


def _record(users, meeting, items, **kwargs):
    return sammantrade_record(meeting=meeting, by=users["sekreterare"], items=items, **kwargs)


# --- Dates ---------------------------------------------------------------------------------

def test_a_decision_date_in_the_future_is_refused(after_meeting, users, kultur_meetings,
                                                   answers):
    with pytest.raises(RecordingError, match="i framtiden"):
        _record(users, kultur_meetings[MEETING],
                [ItemDecision(answers[0], "1", Outcome.ENLIGT_FORSLAG)],
                decision_date=D(2026, 9, 25))
    with pytest.raises(RecordingError, match="före sammanträdet"):
        _record(users, kultur_meetings[MEETING],
                [ItemDecision(answers[0], "1", Outcome.ENLIGT_FORSLAG)],
                decision_date=D(2026, 9, 21))
    answers[0].refresh_from_db()
    assert answers[0].state == State.KLAR_FOR_NAMND and not Arende.objects.exists()


def test_the_form_refuses_a_future_decision_date_with_a_message(after_meeting, secretary,
                                                                kultur_meetings, answers):
    meeting = kultur_meetings[MEETING]
    response = secretary.post(meeting.get_absolute_url(), {
        "record": "1", "decision_date": "2026-12-10",
        f"u{answers[0].pk}-outcome": "enligt_forslag", f"u{answers[0].pk}-paragraph": "4"})
    assert response.status_code == 400
    assert "ligger i framtiden" in response.content.decode()
    assert not Arende.objects.exists()


def test_a_meeting_in_the_future_cannot_be_recorded_or_justerad(frozen, secretary, users,
                                                                kultur_meetings, answers):
    meeting = kultur_meetings[MEETING]          # 2026-09-22, today is 2026-08-20
    with pytest.raises(RecordingError, match="inte hållits"):
        _record(users, meeting, [ItemDecision(answers[0], "1", Outcome.ENLIGT_FORSLAG)])
    page = secretary.get(meeting.get_absolute_url()).content.decode()
    assert "Beslut registreras efter sammanträdet." in page
    assert "Justera protokollet" not in page


def test_justering_before_the_decision_is_refused(after_meeting, users, kultur_meetings,
                                                  answers):
    meeting = kultur_meetings[MEETING]
    _record(users, meeting, [ItemDecision(answers[0], "1", Outcome.ENLIGT_FORSLAG)],
            decision_date=D(2026, 9, 23))       # the adjourned meeting went on a day later
    with pytest.raises(RecordingError, match="före beslutet"):
        sammantrade_justera(meeting=meeting, by=users["sekreterare"], justerare="Ulla",
                            justerad_date=D(2026, 9, 22))
    with pytest.raises(RecordingError, match="framtiden"):
        sammantrade_justera(meeting=meeting, by=users["sekreterare"], justerare="Ulla",
                            justerad_date=D(2026, 9, 25))
    answers[0].refresh_from_db()
    assert answers[0].state == State.BESLUTAD and answers[0].justerad_date is None
    sammantrade_justera(meeting=meeting, by=users["sekreterare"], justerare="Ulla",
                        justerad_date=D(2026, 9, 23))
    answers[0].refresh_from_db()
    assert (answers[0].state, answers[0].justerad_date) == (State.JUSTERAD, D(2026, 9, 23))


def test_the_justering_form_explains_a_date_before_the_decision(after_meeting, secretary,
                                                                users, kultur_meetings,
                                                                answers):
    meeting = kultur_meetings[MEETING]
    _record(users, meeting, [ItemDecision(answers[0], "1", Outcome.ENLIGT_FORSLAG)])
    response = secretary.post(meeting.get_absolute_url(), {
        "justera": "1", "justerare": "Ulla", "justerad_date": "2026-09-21"})
    assert response.status_code == 400
    assert "Justeringsdatumet 2026-09-21 ligger före beslutet 2026-09-22." in \
        response.content.decode()


# --- The answer's page is not a door --------------------------------------------------------

@pytest.mark.parametrize("action", ["besluta", "aterremittera"])
def test_recording_on_the_answers_page_is_refused(after_meeting, secretary, answers, action):
    answer = answers[0]
    response = secretary.post(reverse("responses:transition", args=[answer.pk, action]), {
        "comment": "Återremiss", "meeting_date": "2026-09-22", "paragraph": "§ 4",
        "decision_text": "Bifall."}, follow=True)
    assert response.status_code == 200
    assert "registreras på sammanträdets sida" in response.content.decode()
    answer.refresh_from_db()
    assert answer.state == State.KLAR_FOR_NAMND
    assert not Arende.objects.exists() and not TransitionRecord.objects.exists()


def test_the_answers_page_sends_the_secretary_to_the_meeting(after_meeting, secretary,
                                                             answers):
    page = secretary.get(answers[0].get_absolute_url()).content.decode()
    assert "Registrera nämndens beslut" not in page
    assert "registreras på sammanträdets sida" in page
    assert reverse("meetings:plan", args=["kun"]) in page


def test_the_secretarys_desk_points_to_the_meeting(after_meeting, secretary, answers):
    desk = secretary.get("/").content.decode()
    assert desk.count("Nämndens beslut registreras vid sammanträdet") == len(answers)


def test_justera_on_the_answers_page_is_refused(after_meeting, secretary, users,
                                                kultur_meetings, answers):
    _record(users, kultur_meetings[MEETING],
            [ItemDecision(answers[0], "1", Outcome.ENLIGT_FORSLAG)])
    response = secretary.post(reverse("responses:transition", args=[answers[0].pk, "justera"]),
                              {"justerad_date": "2026-09-23", "justerare": "X"}, follow=True)
    assert "registreras på sammanträdets sida" in response.content.decode()
    answers[0].refresh_from_db()
    assert answers[0].state == State.BESLUTAD


# --- Outcomes, statements, omedelbar justering ----------------------------------------------

def test_outcomes_as_swedish_practice_has_them(after_meeting, users, kultur_meetings,
                                               make_remiss, make_answer, answers):
    extra = [make_answer(make_remiss(D(2026, 10, 30), title=t).recipients.get(),
                         state=State.KLAR_FOR_NAMND) for t in ("Avslag", "Bordlagt")]
    proposed, changed, sent_back = answers
    rejected, tabled = extra
    _record(users, kultur_meetings[MEETING], [
        ItemDecision(proposed, "1", Outcome.ENLIGT_FORSLAG, omedelbar_justering=True),
        ItemDecision(changed, "2", Outcome.ANDRAT, decision_text=CHANGED, statements=[
            Statement(StatementKind.RESERVATION, "Erik Ek (M)", "Till förmån för förslaget."),
            Statement(StatementKind.SARSKILT_YTTRANDE, "Lena Lind (V)", "Fria entréer."),
            Statement(StatementKind.JAV, "Olle Ordf (S)")]),
        ItemDecision(sent_back, "3", Outcome.ATERREMITTERAT),
        ItemDecision(rejected, "4", Outcome.AVSLAG),
        ItemDecision(tabled, "5", Outcome.BORDLAGT),
    ], justerare="Ulla Ordförande")
    for a in (*answers, *extra):
        a.refresh_from_db()
    assert [a.state for a in (proposed, changed, sent_back, rejected, tabled)] == [
        State.JUSTERAD, State.BESLUTAD, State.UTKAST, State.BESLUTAD, State.KLAR_FOR_NAMND]
    assert (proposed.paragraph, proposed.justerad_date) == ("1", MEETING)
    assert changed.decision_text == CHANGED and changed.decision_changed
    assert rejected.decision_text == "Nämnden avslår förvaltningens förslag till beslut."
    assert rejected.decision_changed and sent_back.decision is None and tabled.decision is None
    assert [a.decision_text for a in Arende.objects.filter(paragraph__in=["3", "5"])] == [
        "Nämnden återremitterar ärendet till förvaltningen.", "Nämnden bordlägger ärendet."]
    arende = Arende.objects.get(paragraph="2")
    assert [s.member for s in arende.reservationer] == ["Erik Ek (M)"]
    assert [s.text for s in arende.sarskilda_yttranden] == ["Fria entréer."]
    assert [s.member for s in arende.jav] == ["Olle Ordf (S)"]


def test_omedelbar_justering_reaches_the_protokollsutdrag(after_meeting, secretary, users,
                                                         kultur_meetings, answers):
    meeting = kultur_meetings[MEETING]
    form = secretary.get(meeting.get_absolute_url()).context["form"]
    # Ticked by default: the förslag says "Ärendet justeras omedelbart".
    assert form[f"u{answers[0].pk}-omedelbar"].value() is True
    response = secretary.post(meeting.get_absolute_url(), {
        "record": "1", "justerare": "Ulla Ordförande",
        f"u{answers[0].pk}-outcome": "enligt_forslag", f"u{answers[0].pk}-paragraph": "7",
        f"u{answers[0].pk}-omedelbar": "on"})
    assert response.status_code == 302
    arende = Arende.objects.get()
    assert arende.omedelbar_justering and arende.justerad_date == MEETING
    html = secretary.get(reverse("meetings:utdrag", args=[arende.pk])).content.decode()
    assert "Justerat 2026-09-22" in html and "omedelbar justering" in html
    assert "Paragrafen är ännu inte justerad" not in html


def test_an_unticked_omedelbar_justering_contradicting_the_proposal_is_refused(
        after_meeting, secretary, kultur_meetings, answers):
    meeting = kultur_meetings[MEETING]
    response = secretary.post(meeting.get_absolute_url(), {
        "record": "1", f"u{answers[0].pk}-outcome": "enligt_forslag",
        f"u{answers[0].pk}-paragraph": "7"})
    assert response.status_code == 400
    assert "Förslaget till beslut säger att ärendet justeras omedelbart." in \
        response.content.decode()
    assert not Arende.objects.exists()


def test_statements_are_entered_on_the_record_form(after_meeting, secretary,
                                                   kultur_meetings, answers):
    meeting = kultur_meetings[MEETING]
    u = answers[1].pk
    secretary.post(meeting.get_absolute_url(), {
        "record": "1", f"u{u}-outcome": "andrat", f"u{u}-paragraph": "8",
        f"u{u}-decision_text": CHANGED,
        f"u{u}-reservationer": "Erik Ek (M): Till förmån för förvaltningens förslag.\n",
        f"u{u}-jav": "Olle Ordf (S)\nAnna Al (L)"})
    arende = Arende.objects.get()
    assert [(s.member, s.text) for s in arende.reservationer] == [
        ("Erik Ek (M)", "Till förmån för förvaltningens förslag.")]
    assert [s.member for s in arende.jav] == ["Olle Ordf (S)", "Anna Al (L)"]
    html = secretary.get(reverse("meetings:utdrag", args=[arende.pk])).content.decode()
    assert "Reservationer" in html and "Erik Ek (M)" in html
    assert "Olle Ordf (S), Anna Al (L) deltog inte i handläggningen." in html


# --- Idempotent recording --------------------------------------------------------------------

def test_a_repeated_post_stores_one_paragraph_and_says_so(after_meeting, secretary,
                                                         kultur_meetings, answers):
    meeting = kultur_meetings[MEETING]
    data = {"record": "1", f"u{answers[0].pk}-outcome": "bordlagt",
            f"u{answers[0].pk}-paragraph": "3"}
    assert secretary.post(meeting.get_absolute_url(), data).status_code == 302
    again = secretary.post(meeting.get_absolute_url(), data, follow=True)
    assert again.status_code == 200
    assert "Besluten är redan registrerade vid sammanträdet." in again.content.decode()
    assert Arende.objects.count() == 1


def test_the_service_reports_an_identical_item_as_already_recorded(after_meeting, users,
                                                                   kultur_meetings, answers):
    item = ItemDecision(answers[2], "3", Outcome.BORDLAGT)
    first = _record(users, kultur_meetings[MEETING], [item])
    second = _record(users, kultur_meetings[MEETING], [item])
    assert len(first.created) == 1 and second.created == []
    assert second.already == first.created
    with pytest.raises(RecordingError, match="redan registrerat vid sammanträdet som § 3"):
        _record(users, kultur_meetings[MEETING], [ItemDecision(answers[2], "9",
                                                               Outcome.BORDLAGT)])


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_identical_posts_store_one_paragraph(after_meeting, users,
                                                            kultur_meetings, answers):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    meeting = kultur_meetings[MEETING]
    data = {"record": "1", "justerare": "Ulla Ordförande",
            f"u{answers[0].pk}-outcome": "enligt_forslag",
            f"u{answers[0].pk}-paragraph": "12", f"u{answers[0].pk}-omedelbar": "on"}
    start = threading.Barrier(10)
    results = []

    def post():
        from django.db import connections

        client = Client()
        client.force_login(users["sekreterare"])
        start.wait()
        try:
            response = client.post(meeting.get_absolute_url(), data, follow=True)
            results.append((response.status_code, response.content.decode()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _ in results] == [200] * 10
    assert Arende.objects.count() == 1
    assert TransitionRecord.objects.filter(action="besluta").count() == 1
    stored = sum("1 ärende är registrerat." in body for _, body in results)
    repeated = sum("redan registrerade" in body or "redan registrerat" in body
                   for _, body in results)
    assert (stored, repeated) == (1, 9)


# --- Correction before justering -----------------------------------------------------------

def test_a_wrong_paragraph_and_date_are_corrected_and_logged(after_meeting, secretary, users,
                                                             kultur_meetings, answers):
    meeting = kultur_meetings[MEETING]
    _record(users, meeting, [ItemDecision(answers[1], "41", Outcome.ANDRAT,
                                          decision_text=CHANGED)])
    arende = Arende.objects.get()
    url = reverse("meetings:arende_correct", args=[arende.pk])
    assert secretary.get(url).status_code == 200
    refused = secretary.post(url, {"paragraph": "14", "decision_date": "2026-09-30",
                                   "decision_text": CHANGED, "reason": "Fel datum"})
    assert refused.status_code == 400 and "ligger i framtiden" in refused.content.decode()
    response = secretary.post(url, {"paragraph": "14", "decision_date": "2026-09-23",
                                    "decision_text": CHANGED + " Rättad.",
                                    "reason": "Fel paragraf i protokollet"})
    assert response.status_code == 302
    arende.refresh_from_db()
    assert (arende.paragraph, arende.decision_date) == ("14", D(2026, 9, 23))
    answers[1].refresh_from_db()
    assert answers[1].paragraph == "14" and answers[1].decision_text.endswith("Rättad.")
    first, latest = arende.history.order_by("history_id")  # the clock stands still here
    assert latest.history_change_reason == "Fel paragraf i protokollet"
    assert latest.history_user == users["sekreterare"]
    assert (first.paragraph, latest.paragraph) == ("41", "14")
    assert "Fel paragraf i protokollet" in secretary.get(url).content.decode()


def test_a_justerad_paragraph_cannot_be_corrected(after_meeting, secretary, users,
                                                  kultur_meetings, answers):
    meeting = kultur_meetings[MEETING]
    _record(users, meeting, [ItemDecision(answers[0], "1", Outcome.ENLIGT_FORSLAG,
                                          omedelbar_justering=True)], justerare="Ulla")
    arende = Arende.objects.get()
    with pytest.raises(RecordingError, match="justerad och kan inte längre rättas"):
        arende_correct(arende=arende, by=users["sekreterare"], paragraph="2",
                       decision_date=MEETING, reason="Fel")
    response = secretary.get(reverse("meetings:arende_correct", args=[arende.pk]))
    assert response.status_code == 302


def test_only_the_secretary_corrects(after_meeting, client, users, kultur_meetings, answers):
    _record(users, kultur_meetings[MEETING], [ItemDecision(answers[0], "1", Outcome.BORDLAGT)])
    client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    url = reverse("meetings:arende_correct", args=[Arende.objects.get().pk])
    assert client.post(url, {"paragraph": "9", "decision_date": "2026-09-22",
                             "reason": "x"}).status_code == 403
    assert Arende.objects.get().paragraph == "1"


# --- The hook for signing at justering -------------------------------------------------------

def test_arende_justerad_is_sent_once_per_paragraph_after_commit(
        after_meeting, users, kultur_meetings, answers, django_capture_on_commit_callbacks):
    received = []

    def listener(arende, **kwargs):
        received.append(arende.paragraph)

    arende_justerad.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            _record(users, kultur_meetings[MEETING], [
                ItemDecision(answers[0], "1", Outcome.ENLIGT_FORSLAG, omedelbar_justering=True),
                ItemDecision(answers[1], "2", Outcome.ENLIGT_FORSLAG),
                ItemDecision(answers[2], "3", Outcome.BORDLAGT)], justerare="Ulla")
            assert received == []               # nothing before the commit
        assert received == ["1"]
        with django_capture_on_commit_callbacks(execute=True):
            sammantrade_justera(meeting=kultur_meetings[MEETING], by=users["sekreterare"],
                                justerare="Per", justerad_date=D(2026, 9, 23))
    finally:
        arende_justerad.disconnect(listener)
    assert sorted(received) == ["1", "2", "3"]
    with pytest.raises(RecordingError, match="redan justerad"):
        arende_justera(arende=Arende.objects.get(paragraph="2"), by=users["sekreterare"],
                       justerare="Per", justerad_date=D(2026, 9, 23))


# --- What the answer, its PDF and the protokollsutdrag show ----------------------------------

def test_the_justerad_answers_pdf_carries_paragraph_decision_and_justering(
        after_meeting, secretary, users, kultur_meetings, answers, media,
        django_capture_on_commit_callbacks):
    meeting = kultur_meetings[MEETING]
    _record(users, meeting, [ItemDecision(answers[1], "15", Outcome.ANDRAT,
                                          decision_text=CHANGED)])
    with django_capture_on_commit_callbacks(execute=True):  # archived once committed
        sammantrade_justera(meeting=meeting, by=users["sekreterare"],
                            justerare="Per Justerare", justerad_date=D(2026, 9, 23))
    answer = answers[1]
    answer.refresh_from_db()
    assert answer.state == State.JUSTERAD and answer.archived_sha256
    with answer.archived_pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "§ 15" in flat
    assert "Kulturnämnden godkänner tjänsteutlåtandet med tillägget om fria entréer." in flat
    assert "Justerat 2026-09-23 av Per Justerare" in flat
    # The answer's page shows the same §, decision and date, with the protokollsutdrag.
    page = secretary.get(answer.get_absolute_url()).content.decode()
    arende = Arende.objects.get()
    assert "§ 15" in page and CHANGED in page and "2026-09-23, Per Justerare" in page
    assert reverse("meetings:utdrag_pdf", args=[arende.pk]) in page


def test_the_justering_export_lists_what_the_meeting_decided(after_meeting, users,
                                                             kultur_meetings, answers):
    from responses.pdf import exports

    _record(users, kultur_meetings[MEETING], [
        ItemDecision(answers[0], "1", Outcome.ENLIGT_FORSLAG),
        ItemDecision(answers[1], "2", Outcome.BORDLAGT)])
    found = list(exports.candidates(users["sekreterare"], meeting_date=MEETING))
    assert found == [answers[0]]
    assert found[0].paragraph == "1"
