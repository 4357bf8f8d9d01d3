"""Demo data for drafting, to be called at the end of responses.demo.seed_demo():
a timeline for the demo answers that were created directly in a later state, and a
review comment waiting for Rinkeby-Kista's handläggare. Idempotent."""

from organisations.models import Role, User

from .models import ReviewComment, State, TransitionRecord, Utlatande

# The path to each state, as (action, from, to, role of the person acting).
PATH = [
    ("skicka_till_granskning", State.UTKAST, State.GRANSKNING, Role.HANDLAGGARE),
    ("godkann", State.GRANSKNING, State.KLAR_FOR_NAMND, Role.GRANSKARE),
    ("besluta", State.KLAR_FOR_NAMND, State.BESLUTAD, Role.NAMNDSEKRETERARE),
    ("justera", State.BESLUTAD, State.JUSTERAD, Role.NAMNDSEKRETERARE),
    ("besvara", State.JUSTERAD, State.BESVARAD, Role.NAMNDSEKRETERARE),
]
ORDER = [State.UTKAST, State.GRANSKNING, State.KLAR_FOR_NAMND, State.BESLUTAD,
         State.JUSTERAD, State.BESVARAD]


def _actor(utlatande, role):
    if role == Role.HANDLAGGARE and utlatande.owner:
        return utlatande.owner
    return User.objects.filter(organisation=utlatande.organisation, role=role).first()


def load_drafting_demo() -> None:
    for utlatande in Utlatande.objects.filter(imported=False, transitions__isnull=True).exclude(
            state=State.UTKAST):
        reached = ORDER.index(utlatande.state)
        for action, source, target, role in PATH:
            if ORDER.index(target) > reached:
                break
            by = _actor(utlatande, role)
            if by is None:
                break
            TransitionRecord.objects.create(utlatande=utlatande, action=action,
                                            from_state=source, to_state=target, by=by,
                                            organisation=by.organisation)
    waiting = Utlatande.objects.filter(organisation__short="rik", state=State.GRANSKNING,
                                       comments__isnull=True).first()
    reviewer = User.objects.filter(username="granskare.rinkeby").first()
    if waiting and reviewer and waiting.sections:
        ReviewComment.objects.create(
            utlatande=waiting, author=reviewer, section_key=waiting.sections[0]["key"],
            text="Skriv gärna ut vilka delar av programmet vi stödjer, med avsnittsnummer.")
