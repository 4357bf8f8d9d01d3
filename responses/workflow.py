"""The workflow of a tjänsteutlåtande: the one place that says who may move it where.

utkast → granskning → (utkast | klar_for_namnd) → beslutad → justerad → besvarad.

The nämnd's steps (besluta, återremittera, justera) are taken only at the sammanträde
(meetings.services), which passes the paragraph (Arende) that records them; the answer's
page shows the decision and sends the secretary to the meeting.

`available_actions(utlatande, user)` lists what a person may do now; `apply(...)` does it:
locks the row, checks state, role and organisation, writes the fields the step carries,
records a TransitionRecord and, once committed, sends `utlatande_transitioned`.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.models import Role
from programs.services import recipient_mark_answered

from .models import State, TransitionRecord, Utlatande
from .signals import utlatande_transitioned


class TransitionError(Exception):
    """An invalid transition (wrong state, missing data); the message is Swedish."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class TransitionForbidden(TransitionError, PermissionDenied):
    """The person may not take this step (role or organisation)."""


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    source: str
    target: str
    roles: frozenset
    comment_required: bool = False
    # Names of the data the step needs (see _REQUIRED_DATA).
    fields: tuple = ()
    button_class: str = "button"
    # Taken at the sammanträde only: the step must carry the meetings.Arende it records.
    at_meeting: bool = False
    # What happened, said to the person after the step ("Dokumentet är skickat ...").
    done: str = ""


ACTIONS: dict[str, Action] = {a.name: a for a in [
    Action("skicka_till_granskning", gettext_lazy("Skicka till granskning"),
           State.UTKAST, State.GRANSKNING, frozenset({Role.HANDLAGGARE}),
           done=gettext_lazy("Dokumentet är skickat till granskning.")),
    Action("aterforvisa", gettext_lazy("Återförvisa till handläggaren"),
           State.GRANSKNING, State.UTKAST, frozenset({Role.GRANSKARE}),
           comment_required=True, button_class="button button--secondary",
           done=gettext_lazy("Dokumentet är återförvisat till handläggaren.")),
    Action("godkann", gettext_lazy("Godkänn och underteckna"),
           State.GRANSKNING, State.KLAR_FOR_NAMND, frozenset({Role.GRANSKARE}),
           done=gettext_lazy("Dokumentet är godkänt och undertecknat. Det är klart för "
                             "nämnden.")),
    Action("besluta", gettext_lazy("Registrera nämndens beslut"),
           State.KLAR_FOR_NAMND, State.BESLUTAD, frozenset({Role.NAMNDSEKRETERARE}),
           fields=("arende",), at_meeting=True,
           done=gettext_lazy("Nämndens beslut är registrerat.")),
    # The nämnd sends the answer back to the förvaltning (återremiss): a new round of work.
    Action("aterremittera", gettext_lazy("Registrera återremiss"),
           State.KLAR_FOR_NAMND, State.UTKAST, frozenset({Role.NAMNDSEKRETERARE}),
           comment_required=True, button_class="button button--secondary",
           fields=("arende",), at_meeting=True,
           done=gettext_lazy("Återremissen är registrerad. Dokumentet är tillbaka hos "
                             "handläggaren.")),
    Action("justera", gettext_lazy("Registrera justering"),
           State.BESLUTAD, State.JUSTERAD, frozenset({Role.NAMNDSEKRETERARE}),
           fields=("arende",), at_meeting=True,
           done=gettext_lazy("Justeringen är registrerad. Svaret kan skickas till "
                             "kommunstyrelsen.")),
    Action("besvara", gettext_lazy("Skicka svaret till kommunstyrelsen"),
           State.JUSTERAD, State.BESVARAD, frozenset({Role.NAMNDSEKRETERARE}),
           done=gettext_lazy("Svaret är skickat till kommunstyrelsen.")),
]}

# The table at a glance (also used by the timeline and tests).
TRANSITIONS = {name: (a.source, a.target) for name, a in ACTIONS.items()}


def _is_participant(utlatande: Utlatande, user) -> bool:
    return (user.is_authenticated and user.organisation_id is not None
            and user.organisation_id in utlatande.participating_organisation_ids())


def approvals_in_round(utlatande: Utlatande) -> set[int]:
    """Organisations that approved since the document last entered granskning."""
    # Sorted here rather than with order_by() so a prefetched timeline is reused.
    records = sorted(utlatande.transitions.all(), key=lambda r: (r.at, r.pk))
    approved: set[int] = set()
    for record in records:
        if record.to_state == State.GRANSKNING and record.from_state != State.GRANSKNING:
            approved = set()
        elif record.action == "godkann" and record.organisation_id:
            approved.add(record.organisation_id)
    return approved


def _refusal(utlatande: Utlatande, action: Action, user) -> str | None:
    """Why the person may not take the step now, or None when they may."""
    if utlatande.state != action.source:
        return _("”%(action)s” går inte att göra när dokumentet har status %(state)s.") % {
            "action": action.label, "state": utlatande.get_state_display()}
    if user.role not in action.roles or not _is_participant(utlatande, user):
        return _("Du har inte behörighet att ”%(action)s” för det här dokumentet.") % {
            "action": action.label}
    if action.name == "godkann" and user.organisation_id in approvals_in_round(utlatande):
        return _("Din organisation har redan godkänt dokumentet.")
    return None


def available_actions(utlatande: Utlatande, user) -> list[Action]:
    """The steps this person may take now, in the order of the table."""
    # Steps from another state are refused anyway; skipping them here spares building
    # (and translating) a refusal message per step for every document on a desk.
    return [a for a in ACTIONS.values()
            if a.source == utlatande.state and not a.at_meeting
            and _refusal(utlatande, a, user) is None]


def meeting_actions(utlatande: Utlatande, user) -> list[Action]:
    """The nämnd's steps this person could take now, at the sammanträde."""
    return [a for a in ACTIONS.values()
            if a.source == utlatande.state and a.at_meeting
            and _refusal(utlatande, a, user) is None]


def _signatory(user) -> dict:
    return {"name": user.get_full_name() or user.username, "title": user.title,
            "organisation": user.organisation.short if user.organisation else ""}


def _check_arende(doc: Utlatande, action: Action, arende) -> None:
    """The nämnd's steps carry the paragraph recorded at the meeting, and nothing else."""
    if arende is None or getattr(arende, "utlatande_id", None) != doc.pk:
        raise TransitionError(_("Nämndens beslut och justering registreras på sammanträdets "
                                "sida, inte i tjänsteutlåtandet."))
    if action.name == "justera" and getattr(arende, "justerad_date", None) is None:
        raise TransitionError(_("Paragrafen är inte justerad."))


def _effect(doc: Utlatande, action: Action, user, data: dict) -> list[str]:
    """Write what the step carries onto the locked row; return the changed field names."""
    if action.name == "godkann":
        signatory = _signatory(user)
        if not any((s.get("name"), s.get("organisation")) == (signatory["name"],
                   signatory["organisation"]) for s in doc.signatories):
            doc.signatories = [*doc.signatories, signatory]
        return ["signatories"]
    return []


def _mark_answered(doc: Utlatande, user) -> None:
    """The answer is sent: every row it answers is received by kommunstyrelsen now."""
    now = timezone.now()
    for recipient in doc.active_recipients().filter(answered_at__isnull=True):
        recipient_mark_answered(recipient=recipient, by=user, at=now)


def apply(utlatande: Utlatande, action_name: str, user, *, comment: str = "",
          **data) -> TransitionRecord:
    """Take one workflow step; raise TransitionError (or TransitionForbidden) when refused.

    The passed instance is refreshed to the new state.
    """
    action = ACTIONS.get(action_name)
    if action is None:
        raise TransitionError(_("Okänd åtgärd."))
    comment = (comment or "").strip()
    with transaction.atomic():
        doc = Utlatande.objects.select_for_update().get(pk=utlatande.pk)
        reason = _refusal(doc, action, user)
        if reason is not None:
            wrong_state = doc.state != action.source
            raise (TransitionError if wrong_state else TransitionForbidden)(reason)
        if action.at_meeting:
            arende = data.get("arende")
            _check_arende(doc, action, arende)
            comment = comment or _("Sammanträdet %(d)s, § %(p)s.") % {
                "d": f"{arende.meeting.date:%Y-%m-%d}", "p": arende.paragraph}
        if action.comment_required and not comment:
            raise TransitionError(_("Skriv en kommentar som förklarar vad som behöver ändras."))
        changed = _effect(doc, action, user, data)
        from_state = doc.state
        to_state = action.target
        if action.name == "godkann":
            # A joint answer needs the approval of every participating organisation.
            approved = approvals_in_round(doc) | {user.organisation_id}
            if not doc.participating_organisation_ids() <= approved:
                to_state = from_state
        doc.state = to_state
        # A state change also invalidates editors that are still open on an older version.
        doc.version += 1
        doc._history_user = user
        doc.save(update_fields=[*changed, "state", "version", "updated_at"])
        record = TransitionRecord.objects.create(
            utlatande=doc, action=action.name, from_state=from_state, to_state=to_state,
            by=user, organisation=user.organisation, comment=comment)
        if action.name == "besvara":
            _mark_answered(doc, user)
        if to_state != from_state:
            transaction.on_commit(lambda: utlatande_transitioned.send(
                sender=Utlatande, utlatande=doc, from_state=from_state, to_state=to_state,
                by=user, record=record))
    utlatande.refresh_from_db()
    return record
