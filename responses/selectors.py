"""Who may read which tjänsteutlåtande: one queryset used by every view."""

from django.db.models import Q, QuerySet

from .models import PUBLIC_STATES, Utlatande


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
    own = Q(organisation_id=user.organisation_id) | Q(
        links__recipient__organisation_id=user.organisation_id
    )
    return qs.filter(public | own).distinct()
