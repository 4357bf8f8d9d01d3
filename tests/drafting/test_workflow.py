"""The workflow table: every transition allowed for the right person, refused for others."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from meetings.models import Arende, Outcome, Sammantrade
from responses import workflow
from responses.models import State, TransitionRecord, UtlatandeRecipient
from responses.signals import utlatande_transitioned
from responses.workflow import TransitionError, TransitionForbidden

MEETING_DAY = datetime.date(2026, 11, 20)


def _arende(doc, users, justerad=False):
    """The paragraph the sammanträde recorded (meetings.services does this in the app)."""
    meeting, _ = Sammantrade.objects.get_or_create(organisation=doc.organisation,
                                                   date=MEETING_DAY)
    arende, _ = Arende.objects.get_or_create(
        meeting=meeting, utlatande=doc, defaults={
            "paragraph": "12", "outcome": Outcome.ENLIGT_FORSLAG,
            "decision_text": "Nämnden beslutade enligt förvaltningens förslag.",
            "recorded_by": users["sekreterare"]})
    if justerad and not arende.justerad_date:
        arende.justerad_date, arende.justerare = MEETING_DAY, "Ulla Ordförande"
        arende.save()
    return arende


def DECISION(doc, users):  # noqa: N802 (reads as the data of the step)
    return {"arende": _arende(doc, users)}


def JUSTERING(doc, users):  # noqa: N802
    return {"arende": _arende(doc, users, justerad=True)}


def _data(data, doc, users) -> dict:
    return data(doc, users) if callable(data) else data

# action, the user key allowed to take it, the state it starts from
STEPS = [
    ("skicka_till_granskning", "handlaggare_a", State.UTKAST, {}),
    ("godkann", "granskare", State.GRANSKNING, {}),
    ("besluta", "sekreterare", State.KLAR_FOR_NAMND, DECISION),
    ("justera", "sekreterare", State.BESLUTAD, JUSTERING),
    ("besvara", "sekreterare", State.JUSTERAD, {}),
]
ALL_USERS = ["handlaggare_a", "handlaggare_b", "granskare", "sekreterare", "slk", "admin"]


def move_to(utlatande, state, users):
    """Walk the document through the real workflow up to `state`."""
    for action, user_key, source, data in STEPS:
        if utlatande.state == state:
            return
        assert utlatande.state == source
        workflow.apply(utlatande, action, users[user_key], **_data(data, utlatande, users))
    assert utlatande.state == state


def test_the_table_is_the_documented_chain():
    assert workflow.TRANSITIONS == {
        "skicka_till_granskning": (State.UTKAST, State.GRANSKNING),
        "aterforvisa": (State.GRANSKNING, State.UTKAST),
        "godkann": (State.GRANSKNING, State.KLAR_FOR_NAMND),
        "besluta": (State.KLAR_FOR_NAMND, State.BESLUTAD),
        "aterremittera": (State.KLAR_FOR_NAMND, State.UTKAST),
        "justera": (State.BESLUTAD, State.JUSTERAD),
        "besvara": (State.JUSTERAD, State.BESVARAD),
    }


@pytest.mark.parametrize("action, allowed, source, data", STEPS, ids=[s[0] for s in STEPS])
def test_each_step_allowed_for_its_role_and_recorded(draft, users, action, allowed, source,
                                                     data, django_capture_on_commit_callbacks):
    move_to(draft, source, users)
    received = []

    def listener(**kwargs):
        received.append(kwargs)

    utlatande_transitioned.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            record = workflow.apply(draft, action, users[allowed], comment="Ok",
                                    **_data(data, draft, users))
    finally:
        utlatande_transitioned.disconnect(listener)
    target = workflow.TRANSITIONS[action][1]
    assert draft.state == target
    assert record.by == users[allowed] and record.comment == "Ok" and record.action == action
    assert (record.from_state, record.to_state) == (source, target)
    assert len(received) == 1
    assert received[0]["from_state"] == source and received[0]["to_state"] == target
    assert received[0]["record"] == record and received[0]["by"] == users[allowed]
    if action == "justera":
        # The PDF area archives at justering: its write passes the database lock.
        draft.refresh_from_db()
        assert draft.archived_sha256 and draft.is_locked


@pytest.mark.parametrize("action, allowed, source, data", STEPS, ids=[s[0] for s in STEPS])
@pytest.mark.parametrize("user_key", ALL_USERS)
def test_each_step_refused_for_other_roles(draft, users, action, allowed, source, data,
                                           user_key):
    if user_key == allowed:
        pytest.skip("the allowed user")
    move_to(draft, source, users)
    version = draft.version
    with pytest.raises(TransitionForbidden) as caught:
        workflow.apply(draft, action, users[user_key], comment="x", **_data(data, draft, users))
    assert isinstance(caught.value, PermissionDenied)
    assert "behörighet" in caught.value.message
    draft.refresh_from_db()
    assert draft.state == source and draft.version == version
    def offered(user):
        return (workflow.available_actions(draft, user)
                + workflow.meeting_actions(draft, user))

    assert workflow.ACTIONS[action] not in offered(users[user_key])
    assert workflow.ACTIONS[action] in offered(users[allowed])


def test_aterforvisa_needs_a_comment_and_returns_to_utkast(draft, users):
    move_to(draft, State.GRANSKNING, users)
    with pytest.raises(TransitionError, match="kommentar"):
        workflow.apply(draft, "aterforvisa", users["granskare"], comment="  ")
    assert draft.state == State.GRANSKNING
    with pytest.raises(TransitionForbidden):
        workflow.apply(draft, "aterforvisa", users["handlaggare_a"], comment="Nej")
    record = workflow.apply(draft, "aterforvisa", users["granskare"],
                            comment="Lägg till en sammanfattning.")
    assert draft.state == State.UTKAST
    assert record.comment == "Lägg till en sammanfattning."


def test_wrong_state_is_an_invalid_transition_not_a_permission_error(draft, users):
    with pytest.raises(TransitionError) as caught:
        workflow.apply(draft, "godkann", users["granskare"])
    assert not isinstance(caught.value, PermissionDenied)
    assert "status Utkast" in caught.value.message
    with pytest.raises(TransitionError, match="Okänd"):
        workflow.apply(draft, "radera", users["granskare"])


def test_handlaggare_of_another_organisation_cannot_send_to_review(draft, users):
    with pytest.raises(TransitionForbidden):
        workflow.apply(draft, "skicka_till_granskning", users["handlaggare_b"])
    assert workflow.available_actions(draft, users["handlaggare_b"]) == []


def test_godkann_adds_the_approver_as_signatory(draft, users):
    users["granskare"].title = "Förvaltningschef"
    users["granskare"].save()
    move_to(draft, State.KLAR_FOR_NAMND, users)
    assert draft.signatories == [{"name": users["granskare"].get_full_name(),
                                  "title": "Förvaltningschef", "organisation": "kun"}]


def test_joint_answer_needs_approval_of_each_organisation(draft, users, recipient_b,
                                                          granskare_b,
                                                          django_capture_on_commit_callbacks):
    UtlatandeRecipient.objects.create(utlatande=draft, recipient=recipient_b)
    workflow.apply(draft, "skicka_till_granskning", users["handlaggare_a"])
    # The other organisation's handläggare participates too.
    assert draft.participating_organisation_ids() == {recipient_b.organisation_id,
                                                      draft.organisation_id}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = workflow.apply(draft, "godkann", users["granskare"])
    assert draft.state == State.GRANSKNING
    assert first.from_state == first.to_state == State.GRANSKNING
    assert callbacks == []  # no state change, no signal
    with pytest.raises(TransitionForbidden, match="redan godkänt"):
        workflow.apply(draft, "godkann", users["granskare"])
    workflow.apply(draft, "godkann", granskare_b)
    assert draft.state == State.KLAR_FOR_NAMND
    assert [s["organisation"] for s in draft.signatories] == ["kun", "rik"]


def test_joint_approvals_start_over_after_aterforvisning(draft, users, recipient_b,
                                                         granskare_b):
    UtlatandeRecipient.objects.create(utlatande=draft, recipient=recipient_b)
    workflow.apply(draft, "skicka_till_granskning", users["handlaggare_a"])
    workflow.apply(draft, "godkann", users["granskare"])
    workflow.apply(draft, "aterforvisa", granskare_b, comment="Ändra stycke 2.")
    workflow.apply(draft, "skicka_till_granskning", users["handlaggare_a"])
    workflow.apply(draft, "godkann", granskare_b)
    assert draft.state == State.GRANSKNING
    workflow.apply(draft, "godkann", users["granskare"])
    assert draft.state == State.KLAR_FOR_NAMND


@pytest.mark.parametrize("action, source", [("besluta", State.KLAR_FOR_NAMND),
                                            ("aterremittera", State.KLAR_FOR_NAMND),
                                            ("justera", State.BESLUTAD)])
def test_the_namnds_steps_need_the_meetings_paragraph(draft, users, action, source):
    """The meeting is the only door: without its Arende the step is refused."""
    move_to(draft, source, users)
    assert workflow.ACTIONS[action] not in workflow.available_actions(draft, users["sekreterare"])
    assert workflow.ACTIONS[action] in workflow.meeting_actions(draft, users["sekreterare"])
    with pytest.raises(TransitionError, match="sammanträdets sida"):
        workflow.apply(draft, action, users["sekreterare"], comment="Åter")
    draft.refresh_from_db()
    assert draft.state == source


def test_justera_needs_a_justerad_paragraph(draft, users):
    move_to(draft, State.BESLUTAD, users)
    with pytest.raises(TransitionError, match="inte justerad"):
        workflow.apply(draft, "justera", users["sekreterare"], arende=_arende(draft, users))
    workflow.apply(draft, "justera", users["sekreterare"], **JUSTERING(draft, users))
    assert (draft.state, draft.paragraph, draft.justerad_date, draft.justerare) == (
        State.JUSTERAD, "12", MEETING_DAY, "Ulla Ordförande")


def test_besvara_marks_the_recipient_rows_answered(draft, users, recipient_a, recipient_b):
    move_to(draft, State.BESVARAD, users)
    recipient_a.refresh_from_db()
    recipient_b.refresh_from_db()
    assert recipient_a.answered_at is not None
    assert recipient_b.answered_at is None


def test_every_step_is_on_the_timeline(draft, users):
    move_to(draft, State.BESVARAD, users)
    assert list(TransitionRecord.objects.filter(utlatande=draft)
                .values_list("action", flat=True)) == [s[0] for s in STEPS]
