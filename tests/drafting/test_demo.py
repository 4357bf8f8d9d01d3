"""Drafting's demo data: timelines for the demo answers, idempotent."""

from responses.demo import seed_demo
from responses.demo_drafting import load_drafting_demo
from responses.models import ReviewComment, State, TransitionRecord, Utlatande


def test_demo_answers_get_a_timeline_once(db, demo_clock):
    seed_demo()
    load_drafting_demo()
    # Kulturnämnden's signed answer waits for its sammanträde (meetings.demo decides it).
    signed = Utlatande.objects.filter(organisation__short="kun", state=State.KLAR_FOR_NAMND,
                                      imported=False).first()
    assert list(signed.transitions.values_list("action", flat=True)) == [
        "skicka_till_granskning", "godkann"]
    assert ReviewComment.objects.filter(utlatande__organisation__short="rik").count() == 1
    counts = (TransitionRecord.objects.count(), ReviewComment.objects.count())
    load_drafting_demo()
    assert (TransitionRecord.objects.count(), ReviewComment.objects.count()) == counts
