"""The handläggare's desk: what the organisation must answer and what waits for whom."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programs.models import Recipient
from programs.selectors import open_recipients_for_organisation

from . import joint, workflow
from .models import WORKING_STATES, State, Utlatande
from .selectors import participant_utlatanden


@dataclass
class Deadline:
    days: int
    overdue: bool  # RecipientQuerySet.overdue(): awaited and past the effective deadline

    @classmethod
    def of(cls, recipient, today):
        return cls((recipient.effective_deadline - today).days, recipient.is_overdue)

    @property
    def level(self) -> str:
        return "late" if self.overdue else "soon" if self.days <= 7 else "ok"

    @property
    def text(self) -> str:
        if self.days < 0:
            return ngettext("%(n)d dag försenad", "%(n)d dagar försenad", -self.days) % {
                "n": -self.days}
        if self.days == 0:
            return _("Sista dagen i dag")
        return ngettext("%(n)d dag kvar", "%(n)d dagar kvar", self.days) % {"n": self.days}


def desk(user) -> dict:
    """Rows for the desk template (see templates/start.html)."""
    today = timezone.localdate()
    # The desk shows titles and states: the sections (the document's text) stay unread.
    recipients = list(open_recipients_for_organisation(user.organisation).with_status(today)
                      .prefetch_related(Prefetch("links__utlatande",
                                                 queryset=Utlatande.objects.defer("sections"))))
    rows = []
    for recipient in recipients:
        link = next((li for li in recipient.links.all() if li.is_active), None)
        rows.append({"recipient": recipient, "utlatande": link.utlatande if link else None,
                     "deadline": Deadline.of(recipient, today)})
    working = list(participant_utlatanden(user, states=WORKING_STATES).defer("sections")
                   .prefetch_related(Prefetch("recipients", queryset=Recipient.objects
                                              .with_status(today).select_related("remiss")),
                                     "transitions", "comments", "links__recipient"))
    mine = [u for u in working if u.owner_id == user.pk]
    waiting = []
    for utlatande in working:
        reasons = []
        actions = workflow.available_actions(utlatande, user)
        if utlatande.owner_id not in (None, user.pk):
            # A colleague's draft is theirs to send; reviewers and secretaries see all.
            actions = [a for a in actions if a.name != "skicka_till_granskning"]
        if actions:
            reasons.append(", ".join(str(a.label) for a in actions))
        if workflow.meeting_actions(utlatande, user):
            # The nämnd's decision is recorded on the sammanträde's page, not the answer's.
            reasons.append(_("Nämndens beslut registreras vid sammanträdet"))
        if utlatande.owner_id == user.pk:
            last = list(utlatande.transitions.all())[-1:]
            if (utlatande.state == State.UTKAST and last
                    and last[0].action == "aterforvisa"):
                reasons.append(_("Återförvisat: %(c)s") % {"c": last[0].comment})
            open_comments = [c for c in utlatande.comments.all() if c.resolved_at is None]
            if open_comments:
                reasons.append(ngettext("%(n)d obesvarad kommentar",
                                        "%(n)d obesvarade kommentarer",
                                        len(open_comments)) % {"n": len(open_comments)})
        if reasons:
            recipient = next(iter(utlatande.recipients.all()), None)
            waiting.append({"utlatande": utlatande, "reasons": reasons,
                            "deadline": Deadline.of(recipient, today) if recipient else None})
    return {"rows": rows, "mine": mine, "waiting": waiting,
            "invitations": list(joint.invitations_for(user))}
