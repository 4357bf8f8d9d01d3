"""The data migration: decisions stored on the answer (meeting_date, paragraph, decision_text,
decision_changed, justerad_date, justerare) move to the meeting's paragraph (Arende)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

D = datetime.date
BEFORE = [("meetings", "0001_sammantraden_leadtimes_arenden"),
          ("responses", "0002_transition_action_and_lock")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_decisions_move_from_the_answer_to_the_arende():
    apps = _migrate(BEFORE)
    try:
        Organisation = apps.get_model("organisations", "Organisation")
        User = apps.get_model("organisations", "User")
        Utlatande = apps.get_model("responses", "Utlatande")
        TransitionRecord = apps.get_model("responses", "TransitionRecord")
        Sammantrade = apps.get_model("meetings", "Sammantrade")
        Arende = apps.get_model("meetings", "Arende")
        kun = Organisation.objects.create(short="kun", name="Kulturnämnden",
                                          forvaltning="Kulturförvaltningen", kind="facknamnd")
        secretary = User.objects.create(username="sekr", organisation=kun,
                                        role="namndsekreterare")
        # Decided on the answer's page (version one): no meeting, no paragraph row.
        on_page = Utlatande.objects.create(
            organisation=kun, title="Svar A", state="justerad", meeting_date=D(2026, 11, 10),
            paragraph="7", decision_text="Nämnden beslutar enligt ändrat förslag.",
            decision_changed=True, justerad_date=D(2026, 11, 12), justerare="Ulla")
        TransitionRecord.objects.create(utlatande=on_page, action="besluta",
                                        from_state="klar_for_namnd", to_state="beslutad",
                                        by=secretary)
        # Recorded at a meeting (stored twice), and a bordlagt paragraph there.
        meeting = Sammantrade.objects.create(organisation=kun, date=D(2026, 10, 20),
                                             state="genomfort", justerad_date=D(2026, 10, 27),
                                             justerare="Per")
        at_meeting = Utlatande.objects.create(
            organisation=kun, title="Svar B", state="justerad", meeting_date=D(2026, 10, 20),
            paragraph="3", decision_text="Bifall.", justerad_date=D(2026, 10, 27),
            justerare="Per")
        Arende.objects.create(meeting=meeting, utlatande=at_meeting, paragraph="3",
                              outcome="enligt_forslag", decision_text="Bifall.",
                              recorded_by=secretary)
        tabled = Utlatande.objects.create(organisation=kun, title="Svar C",
                                          state="klar_for_namnd")
        Arende.objects.create(meeting=meeting, utlatande=tabled, paragraph="4",
                              outcome="bordlagt", recorded_by=secretary)
    finally:
        apps = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    from meetings.models import Arende as Current
    from responses.models import Utlatande as Answer

    a = Current.objects.get(utlatande__title="Svar A")
    assert (a.meeting.date, a.paragraph, a.outcome, a.decision_date) == (
        D(2026, 11, 10), "7", "andrat", D(2026, 11, 10))
    assert (a.justerad_date, a.justerare, a.recorded_by.username) == (
        D(2026, 11, 12), "Ulla", "sekr")
    assert a.meeting.state == "genomfort"
    answer = Answer.objects.get(title="Svar A")
    assert (answer.paragraph, answer.decision_text, answer.decision_changed) == (
        "7", "Nämnden beslutar enligt ändrat förslag.", True)
    b = Current.objects.get(utlatande__title="Svar B")
    assert Current.objects.filter(utlatande__title="Svar B").count() == 1
    assert (b.decision_date, b.justerad_date, b.justerare) == (
        D(2026, 10, 20), D(2026, 10, 27), "Per")
    c = Current.objects.get(utlatande__title="Svar C")
    assert (c.decision_date, c.justerad_date) == (D(2026, 10, 20), D(2026, 10, 27))
