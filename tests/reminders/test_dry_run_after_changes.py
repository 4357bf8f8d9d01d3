"""After a change of dates, `send_reminders --dry-run` lists exactly what the new dates call for.

The remisstid moved earlier or later, an anstånd granted, the remiss closed and reopened,
an answer registered by hand and undone: each change goes through a service, which
reschedules the rows once after commit, and the dry run (and then the sweep) at several
frozen dates lists the reminders of the new dates and nothing of the old ones.

Default policy: 14 and 3 days before, the deadline day, every 7 days after; 08:00 on the
working day on or before each step's date (remiss.workdays).
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from programs import services
from programs.anstand import anstand_grant, anstand_request
from programs.models import Recipient
from programs.sending import remiss_send

from .conftest import STHLM, at

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a service as a request would: its after-commit callbacks run."""
    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


@pytest.fixture
def sent(make_remiss, users, clock, commit):
    """Sent 2026-11-20 to Kulturnämnden (handläggare assigned) and Rinkeby-Kista."""
    def make(deadline):
        clock("2026-11-20", "12:00")
        remiss = make_remiss(deadline=deadline, orgs_short=("kun", "rik"), status="utkast")
        remiss.recipients.filter(organisation__short="kun").update(
            handlaggare=users["handlaggare_a"])
        commit(remiss_send, remiss=remiss, by=users["slk"])
        return remiss

    return make


def dry_run(day: str, time: str = "08:05") -> set[tuple[str, str, str]]:
    """(kind, organisation short, remisstid) of every reminder the dry run lists."""
    out = io.StringIO()
    call_command("send_reminders", "--dry-run", now=at(day, time).isoformat(), stdout=out)
    shorts = {"Kulturnämnden": "kun", "Rinkeby-Kista stadsdelsnämnd": "rik"}
    listed = set()
    for line in out.getvalue().splitlines()[:-1]:
        kind, _dnr, organisation, deadline, _to = line.split("\t")
        listed.add((kind, shorts[organisation], deadline.removeprefix("remisstid ")))
    return listed


@pytest.fixture
def sweep_at(clock, run_sweep):
    def run(day: str, time: str = "08:05"):
        clock(day, time)
        return run_sweep()

    return run


def both(kind, deadline):
    return {(kind, "kun", deadline), (kind, "rik", deadline)}


def test_deadline_moved_earlier_gets_the_new_dates_reminders(sent, users, clock, commit,
                                                             sweep_at):
    remiss = sent(D(2026, 12, 26))
    assert dry_run("2026-12-02", "10:05") == set()
    clock("2026-12-02", "10:00")
    remiss.deadline = D(2026, 12, 5)  # a Saturday
    commit(services.remiss_update, remiss=remiss, by=users["slk"])
    # 3 days before (Wed 12-02, 08:00) has passed and went to nobody: sent at once, once.
    assert dry_run("2026-12-02", "10:05") == both("deadline.before3", "2026-12-05")
    sweep_at("2026-12-02", "10:05")
    assert dry_run("2026-12-02", "10:20") == set()
    # The deadline day reminder goes on Friday 12-04; the overdue one on Friday 12-11
    # (nominally Saturday 12-12). Nothing of the old remisstid 12-26 is ever listed.
    assert dry_run("2026-12-03") == set()
    assert dry_run("2026-12-04") == both("deadline.day", "2026-12-05")
    sweep_at("2026-12-04")
    assert dry_run("2026-12-10") == set()
    assert dry_run("2026-12-11") == both("deadline.overdue", "2026-12-05")


def test_deadline_moved_later_drops_the_old_dates_reminders(sent, users, clock, commit,
                                                            sweep_at):
    remiss = sent(D(2026, 12, 16))
    assert dry_run("2026-12-02") == both("deadline.before14", "2026-12-16")
    sweep_at("2026-12-02")
    clock("2026-12-02", "10:00")
    remiss.deadline = D(2027, 1, 20)
    commit(services.remiss_update, remiss=remiss, by=users["slk"])
    assert dry_run("2026-12-02", "10:05") == set()
    # The old 3-days-before (12-11) and deadline day (12-16) are gone.
    assert dry_run("2026-12-11") == set()
    assert dry_run("2026-12-16") == set()
    # 14 days before 01-20 is Trettondedag jul: sent Tuesday 01-05.
    assert dry_run("2027-01-04") == set()
    assert dry_run("2027-01-05") == both("deadline.before14", "2027-01-20")


def test_the_remiss_edit_page_reschedules_through_the_service(sent, users, clock, client,
                                                              django_capture_on_commit_callbacks):
    remiss = sent(D(2026, 12, 26))
    clock("2026-12-02", "10:00")
    client.force_login(users["slk"])
    data = {"title": remiss.title, "ks_dnr": remiss.ks_dnr,
            "remiss_date": remiss.remiss_date.isoformat(), "deadline": "2026-12-05",
            "program": remiss.program_id, "contact_name": "Karin Wallin",
            "contact_email": "slk@stockholm.se",
            "organisations": list(remiss.recipients.values_list("organisation_id", flat=True))}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("programs:remiss_edit", args=[remiss.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    remiss.refresh_from_db()
    assert remiss.deadline == D(2026, 12, 5)
    assert dry_run("2026-12-02", "10:05") == both("deadline.before3", "2026-12-05")


def test_granted_anstand_moves_only_that_organisations_reminders(sent, users, clock, commit,
                                                                 sweep_at):
    remiss = sent(D(2026, 12, 16))
    sweep_at("2026-12-02")
    kun = remiss.recipients.get(organisation__short="kun")
    clock("2026-12-03", "09:00")
    request = commit(anstand_request, recipient=kun, deadline=D(2027, 1, 20),
                     reason="Nämnden sammanträder i januari", by=users["handlaggare_a"])
    assert dry_run("2026-12-11") == both("deadline.before3", "2026-12-16")  # not granted yet
    commit(anstand_grant, request=request, by=users["slk"])
    assert dry_run("2026-12-11") == {("deadline.before3", "rik", "2026-12-16")}
    assert dry_run("2026-12-16") == {("deadline.day", "rik", "2026-12-16")}
    assert dry_run("2027-01-05") == {("deadline.before14", "kun", "2027-01-20"),
                                     ("deadline.overdue", "rik", "2026-12-16")}


def test_closing_stops_and_reopening_resumes_with_the_latest_missed_step(
        sent, users, clock, commit, sweep_at):
    remiss = sent(D(2026, 12, 16))
    sweep_at("2026-12-02")
    clock("2026-12-03", "09:00")
    commit(services.remiss_close, remiss=remiss, by=users["slk"])
    assert dry_run("2026-12-11") == set()
    assert dry_run("2026-12-16") == set()
    clock("2026-12-14", "10:00")
    commit(services.remiss_reopen, remiss=remiss, by=users["slk"])
    # The 3-days-before step (sent on 12-11) was missed while closed: once, now.
    assert dry_run("2026-12-14", "10:05") == both("deadline.before3", "2026-12-16")
    sweep_at("2026-12-14", "10:05")
    assert dry_run("2026-12-15") == set()
    assert dry_run("2026-12-16") == both("deadline.day", "2026-12-16")


def test_answer_registered_by_hand_stops_and_undo_resumes(sent, users, clock, commit,
                                                          sweep_at):
    remiss = sent(D(2026, 12, 16))
    sweep_at("2026-12-02")
    kun = remiss.recipients.get(organisation__short="kun")
    clock("2026-12-05", "09:00")
    commit(services.recipient_mark_answered, recipient=kun, by=users["slk"])
    assert dry_run("2026-12-11") == {("deadline.before3", "rik", "2026-12-16")}
    commit(services.recipient_undo_answered, recipient=kun, by=users["slk"])
    assert dry_run("2026-12-11") == both("deadline.before3", "2026-12-16")
    assert Recipient.objects.get(pk=kun.pk).next_reminder_at.astimezone(STHLM).date() \
        == D(2026, 12, 11)
