"""Backward planning (pure): chosen meeting, milestones and flags over a monthly calendar."""

import datetime

from meetings.planning import (
    DEFAULT_LEAD_TIMES,
    FlagCode,
    LeadTimeValues,
    Progress,
    milestones_for,
    plan_answer,
    plan_decided,
)

from .calendar import KULTUR_2026

D = datetime.date
LEAD = LeadTimeValues(kallelse_days=10, signering_days=3, granskning_days=10, justering_days=7)


def plan(deadline, today, **kwargs):
    return plan_answer(deadline=deadline, meetings=KULTUR_2026, lead=LEAD, today=today,
                       **kwargs)


def test_milestones_count_backwards_on_working_days():
    m = milestones_for(D(2026, 9, 22), LEAD)
    assert m.sammantrade == D(2026, 9, 22)
    assert m.kallelse == D(2026, 9, 11)          # 09-12 is a Saturday
    assert m.signerat == D(2026, 9, 10)
    assert m.granskning_klar == D(2026, 9, 7)
    assert m.utkast_klart == D(2026, 8, 28)
    assert m.justering == D(2026, 9, 29)
    assert [key for key, _label, _d in m.as_list()] == [
        "utkast_klart", "granskning_klar", "signerat", "kallelse", "sammantrade", "justering"]


def test_deadline_just_after_justering_takes_that_meeting():
    p = plan(D(2026, 9, 29), today=D(2026, 8, 1))
    assert p.meeting == D(2026, 9, 22)
    assert not p.immediate_justering
    assert p.flags == ()
    assert p.milestones.utkast_klart == D(2026, 8, 28)


def test_deadline_just_before_justering_takes_the_meeting_before():
    p = plan(D(2026, 9, 28), today=D(2026, 8, 1))
    assert p.meeting == D(2026, 8, 25)
    assert p.milestones.justering == D(2026, 9, 1)
    assert p.flags == ()


def test_no_meeting_in_july():
    p = plan(D(2026, 8, 20), today=D(2026, 5, 4))
    assert p.meeting == D(2026, 6, 16)
    assert p.milestones.justering == D(2026, 6, 23)


def test_only_fits_with_omedelbar_justering():
    # The August meeting's kallelse is gone; September fits only if justerad at once.
    p = plan(D(2026, 9, 28), today=D(2026, 8, 20))
    assert p.meeting == D(2026, 9, 22)
    assert p.immediate_justering
    assert p.milestones.justering == D(2026, 9, 22)
    assert p.has_flag(FlagCode.OMEDELBAR_JUSTERING)
    assert "omedelbart" in p.flags[0].explanation


def test_hinner_inte_when_no_meeting_fits():
    p = plan(D(2026, 9, 20), today=D(2026, 8, 20))
    assert p.meeting is None
    assert p.has_flag(FlagCode.HINNER_INTE)
    assert p.flags[0].label == "Hinner inte – begär anstånd"
    assert "2026-09-20" in p.flags[0].explanation
    assert p.next_milestone(D(2026, 8, 20)) is None


def test_anstand_moves_the_plan_to_a_later_meeting():
    today = D(2026, 8, 20)
    assert plan(D(2026, 9, 20), today).meeting is None
    assert plan(D(2026, 10, 31), today).meeting == D(2026, 10, 20)


def test_no_meetings_entered_is_its_own_flag():
    p = plan_answer(deadline=D(2026, 12, 1), meetings=[], lead=LEAD, today=D(2026, 9, 1))
    assert p.has_flag(FlagCode.INGEN_PLAN)
    assert not p.has_flag(FlagCode.HINNER_INTE)


def test_delegation_flag_comes_with_any_plan():
    p = plan(D(2026, 10, 31), today=D(2026, 8, 1), delegated=True)
    assert p.meeting == D(2026, 10, 20)
    assert p.has_flag(FlagCode.DELEGATION)
    assert p.warnings == ()
    assert "förvaltningschefen" in p.flags[0].explanation
    none = plan(D(2026, 9, 1), today=D(2026, 8, 30), delegated=True)
    assert none.has_flag(FlagCode.HINNER_INTE) and none.has_flag(FlagCode.DELEGATION)


def test_signed_answer_may_still_reach_a_meeting_whose_kallelse_has_gone():
    today = D(2026, 9, 15)   # after the kallelse of 09-22, before the meeting
    assert plan(D(2026, 9, 30), today).meeting is None
    signed = plan(D(2026, 9, 30), today, progress=Progress.SIGNERAT)
    assert signed.meeting == D(2026, 9, 22)
    nxt = signed.next_milestone(today)
    assert (nxt.key, nxt.overdue) == ("sammantrade", False)


def test_bordlagt_or_aterremitterat_only_later_meetings_count():
    p = plan(D(2026, 12, 31), today=D(2026, 10, 21), not_after_meeting=D(2026, 10, 20))
    assert p.meeting == D(2026, 12, 15)
    p = plan(D(2026, 11, 30), today=D(2026, 10, 21), progress=Progress.SIGNERAT,
             not_after_meeting=D(2026, 10, 20))
    assert p.meeting == D(2026, 11, 17)


def test_earliest_takes_the_next_meeting_that_fits():
    p = plan(D(2027, 2, 28), today=D(2026, 10, 21), progress=Progress.SIGNERAT,
             not_after_meeting=D(2026, 10, 20), earliest=True)
    assert p.meeting == D(2026, 11, 17) and not p.immediate_justering
    tight = plan(D(2026, 11, 20), today=D(2026, 10, 21), progress=Progress.SIGNERAT,
                 not_after_meeting=D(2026, 10, 20), earliest=True)
    assert tight.meeting == D(2026, 11, 17) and tight.immediate_justering


def test_next_milestone_follows_progress_and_reports_overdue():
    p = plan(D(2026, 10, 31), today=D(2026, 8, 1))
    assert p.meeting == D(2026, 10, 20)
    nxt = p.next_milestone(D(2026, 8, 1))
    assert (nxt.key, nxt.label, nxt.overdue) == ("utkast_klart", "Utkast klart", False)
    late = plan(D(2026, 10, 31), today=D(2026, 10, 6))
    nxt = late.next_milestone(D(2026, 10, 6))
    assert nxt.key == "utkast_klart" and nxt.overdue
    in_review = plan(D(2026, 10, 31), today=D(2026, 9, 1), progress=Progress.GRANSKNING)
    assert in_review.next_milestone(D(2026, 9, 1)).key == "granskning_klar"


def test_decided_plan_waits_for_justering():
    p = plan_decided(deadline=D(2026, 9, 28), meeting=D(2026, 9, 22), lead=LEAD,
                     progress=Progress.BESLUTAD)
    assert p.milestones.justering == D(2026, 9, 29)
    assert p.has_flag(FlagCode.HINNER_INTE)
    assert p.next_milestone(D(2026, 9, 23)).key == "justering"
    done = plan_decided(deadline=D(2026, 9, 28), meeting=D(2026, 9, 22), lead=LEAD,
                        progress=Progress.JUSTERAD, immediate=True)
    assert done.flags == () and done.next_milestone(D(2026, 9, 23)) is None


def test_default_lead_times_total():
    assert DEFAULT_LEAD_TIMES.total_days == 30
