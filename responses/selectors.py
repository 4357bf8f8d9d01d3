"""Who may read which tjänsteutlåtande: one queryset used by every view."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from organisations.models import Role
from programs.models import Recipient
from programs.selectors import open_recipients_for_organisation

from .models import PUBLIC_STATES, State, Utlatande, UtlatandeRecipient


def visible_utlatanden(user) -> QuerySet[Utlatande]:
    """Drafts are the förvaltning's working material; from beslutad on they are public.

    Members of the answering organisation(s) see every state; everyone else logged in
    sees only allmänna handlingar. Administrators see all.
    """
    qs = Utlatande.objects.select_related("organisation")
    if not user.is_authenticated:
        return qs.none()
    if user.is_administrator:
        return qs
    public = Q(state__in=PUBLIC_STATES)
    if user.organisation_id is None:
        return qs.filter(public)
    # A subquery rather than a join: no duplicate rows, so no DISTINCT over the whole
    # document (with its JSON) on every list and search.
    answered = UtlatandeRecipient.objects.filter(
        recipient__organisation_id=user.organisation_id).values("utlatande_id")
    own = Q(organisation_id=user.organisation_id) | Q(pk__in=answered)
    return qs.filter(public | own)


def participant_utlatanden(user, states=None) -> QuerySet[Utlatande]:
    """Documents the user's organisation writes or answers jointly (any state, or `states`).

    The joint-answer check is an EXISTS, not a join with DISTINCT over the whole document:
    for one document (a permission check) it is an index lookup. Passing `states` narrows
    it too, so a desk does not read the organisation's whole answering history.
    """
    if not user.is_authenticated or user.organisation_id is None:
        return Utlatande.objects.none()
    links = UtlatandeRecipient.objects.filter(
        utlatande=OuterRef("pk"), is_active=True, recipient__organisation_id=user.organisation_id)
    documents = Utlatande.objects.select_related("organisation")
    if states is not None:
        links = links.filter(utlatande__state__in=states)
        documents = documents.filter(state__in=states)
    return documents.filter(Q(organisation_id=user.organisation_id) | Exists(links))


def editable_utlatanden(user) -> QuerySet[Utlatande]:
    """Utkast a handläggare of a participating organisation may edit."""
    if getattr(user, "role", None) != Role.HANDLAGGARE:
        return Utlatande.objects.none()
    return participant_utlatanden(user).filter(state=State.UTKAST)


def startable_recipients(user) -> QuerySet[Recipient]:
    """Open recipient rows of the user's organisation without an active answer."""
    if getattr(user, "role", None) != Role.HANDLAGGARE:
        return Recipient.objects.none()
    return (open_recipients_for_organisation(user.organisation).awaiting_answer()
            .exclude(links__is_active=True))
