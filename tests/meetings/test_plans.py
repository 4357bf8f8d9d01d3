"""Plans read from the database: batch queries, and recomputation when inputs change."""

import datetime

import pytest

from meetings.models import Arende, LeadTimes, MeetingState, Outcome
from meetings.planning import FlagCode
from meetings.plans import attach_plans, plans_for_recipients
from programs.models import Recipient
from responses.models import State

D = datetime.date
pytestmark = pytest.mark.django_db


def plan_of(recipient):
    recipient = Recipient.objects.get(pk=recipient.pk)
    return plans_for_recipients([recipient])[recipient.pk]


def test_chosen_meeting_and_milestones(frozen, kultur_meetings, make_remiss):
    recipient = make_remiss(D(2026, 10, 30)).recipients.get()
    rp = plan_of(recipient)
    assert rp.meeting == kultur_meetings[D(2026, 10, 20)]
    assert rp.plan.milestones.utkast_klart == D(2026, 9, 25)
    assert rp.next.key == "utkast_klart" and not rp.next.overdue


def test_anstand_recomputes_the_plan(frozen, kultur_meetings, make_remiss):
    recipient = make_remiss(D(2026, 9, 20)).recipients.get()
    assert plan_of(recipient).plan.has_flag(FlagCode.HINNER_INTE)
    recipient.anstand_deadline = D(2026, 10, 30)
    recipient.save()
    rp = plan_of(recipient)
    assert rp.meeting.date == D(2026, 10, 20) and rp.flags == ()


def test_lead_times_and_cancelled_meetings_recompute(frozen, orgs, kultur_meetings,
                                                      make_remiss):
    recipient = make_remiss(D(2026, 10, 30)).recipients.get()
    kultur_meetings[D(2026, 10, 20)].state = MeetingState.INSTALLT
    kultur_meetings[D(2026, 10, 20)].save()
    assert plan_of(recipient).meeting.date == D(2026, 9, 22)
    LeadTimes.objects.create(organisation=orgs["kun"], kallelse_days=20, granskning_days=20)
    # With the longer lead times September's kallelse (2026-09-02) is still ahead.
    rp = plan_of(recipient)
    assert rp.meeting.date == D(2026, 9, 22)
    assert rp.plan.milestones.kallelse == D(2026, 9, 2)
    assert rp.next.overdue   # utkast klart was in July


def test_delegated_organisation_is_flagged(frozen, orgs, kultur_meetings, make_remiss):
    orgs["kun"].remissvar_delegated = True
    orgs["kun"].save()
    recipient = make_remiss(D(2026, 10, 30)).recipients.get()
    assert plan_of(recipient).plan.has_flag(FlagCode.DELEGATION)


def test_signed_answer_progress_comes_from_the_workflow_state(frozen, kultur_meetings,
                                                               make_remiss, make_answer,
                                                               time_machine):
    recipient = make_remiss(D(2026, 9, 30)).recipients.get()
    time_machine.move_to(datetime.datetime(2026, 9, 15, 10), tick=False)
    assert plan_of(recipient).meeting is None        # kallelse of 09-22 has gone
    make_answer(recipient, state=State.KLAR_FOR_NAMND)
    rp = plan_of(recipient)
    assert rp.meeting.date == D(2026, 9, 22)
    assert rp.next.key == "sammantrade"


def test_bordlagt_moves_to_the_next_meeting(frozen, users, kultur_meetings, make_remiss,
                                            make_answer, time_machine):
    recipient = make_remiss(D(2026, 11, 20)).recipients.get()
    answer = make_answer(recipient, state=State.KLAR_FOR_NAMND)
    time_machine.move_to(datetime.datetime(2026, 10, 20, 18), tick=False)
    assert plan_of(recipient).meeting.date == D(2026, 10, 20)
    Arende.objects.create(meeting=kultur_meetings[D(2026, 10, 20)], utlatande=answer,
                          paragraph="12", outcome=Outcome.BORDLAGT,
                          recorded_by=users["sekreterare"])
    rp = plan_of(recipient)
    assert rp.meeting.date == D(2026, 11, 17)
    assert rp.plan.immediate_justering       # 11-17 + 7 days is after the remisstid
    # With time to spare it still goes to the next meeting, not the last one that fits.
    recipient.anstand_deadline = D(2027, 1, 31)
    recipient.save()
    assert plan_of(recipient).meeting.date == D(2026, 11, 17)


def test_answered_and_declined_rows_have_no_plan(frozen, kultur_meetings, make_remiss):
    remiss = make_remiss(D(2026, 10, 30), shorts=("kun", "rik"))
    kun, rik = remiss.recipients.order_by("organisation__short")
    kun.declined = True
    kun.save()
    rows = attach_plans(Recipient.objects.filter(remiss=remiss))
    plans = {r.organisation.short: r.meeting_plan for r in rows}
    assert plans["kun"] is None
    assert plans["rik"].plan.has_flag(FlagCode.INGEN_PLAN)


def test_a_desk_of_twenty_rows_costs_a_fixed_number_of_queries(
        frozen, kultur_meetings, make_remiss, make_answer, django_assert_max_num_queries):
    for day in range(20):
        recipient = make_remiss(D(2026, 9, 1) + datetime.timedelta(days=7 * day)) \
            .recipients.get()
        if day % 2:
            make_answer(recipient, state=State.GRANSKNING)
    rows = list(Recipient.objects.select_related("remiss"))
    with django_assert_max_num_queries(6):
        plans = plans_for_recipients(rows)
    assert len(plans) == 20


def test_template_tags_attach_plans_to_rows_and_render_the_next_milestone(
        frozen, kultur_meetings, make_remiss):
    from django.template import Context, Template

    make_remiss(D(2026, 10, 30))

    class Row:   # like SLK's matrix rows: a wrapper with .recipient
        def __init__(self, recipient):
            self.recipient = recipient

    rows = [Row(r) for r in Recipient.objects.all()]
    desk_rows = [{"recipient": r} for r in Recipient.objects.all()]
    html = Template(
        "{% load meetings_tags %}{% attach_meeting_plans rows %}"
        "{% attach_meeting_plans desk_rows %}"
        "{% for row in rows %}{% include 'meetings/_next_milestone.html' with "
        "plan=row.meeting_plan %}{% endfor %}"
        "{% for row in desk_rows %}{% include 'meetings/_next_milestone.html' with "
        "plan=row.meeting_plan %}{% endfor %}"
        "{% for r in recipients %}{% next_milestone r %}{% endfor %}",
    ).render(Context({"rows": rows, "desk_rows": desk_rows,
                      "recipients": Recipient.objects.all()}))
    assert html.count("Utkast klart 2026-09-25") == 3
    assert html.count("2026-10-20") == 3


def test_years_of_past_meetings_are_not_read(frozen, orgs, kultur_meetings, make_remiss):
    """Only a meeting from today on can be planned for: a city's ten years of past
    sammanträden must not be loaded for every desk and matrix row (the bench's matrix took
    1.7 s doing so). The plan is the same as without them."""
    from django.db.models.signals import post_init

    from meetings.models import Sammantrade

    recipient = make_remiss(D(2026, 10, 30)).recipients.get()
    before = plan_of(recipient)
    Sammantrade.objects.bulk_create(
        Sammantrade(organisation=orgs["kun"], date=frozen - datetime.timedelta(days=7 * n))
        for n in range(1, 200))
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance.date)

    post_init.connect(count, sender=Sammantrade)
    try:
        after = plan_of(recipient)
    finally:
        post_init.disconnect(count, sender=Sammantrade)
    assert after.meeting == before.meeting and after.plan == before.plan
    assert loaded and min(loaded) >= frozen
