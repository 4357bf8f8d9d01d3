"""Read queries for remisser, with the rules for who may see what."""

from django.db.models import QuerySet

from organisations.models import Organisation

from .models import Recipient, Remiss, RemissStatus


def visible_remisser(user) -> QuerySet[Remiss]:
    """Sent remisser are visible to every logged-in user; utkast only to their owners."""
    return remisser_visible_to(user, Remiss.objects.select_related("program", "sender"))


def remisser_visible_to(user, queryset: QuerySet) -> QuerySet:
    """The rule of visible_remisser on any queryset with Remiss's fields; on Remiss.history
    (as the remiss was when deleted) it says who may learn that a remiss was deleted."""
    if user.is_administrator or user.is_slk:
        return queryset
    return queryset.exclude(status=RemissStatus.UTKAST)


def open_recipients_for_organisation(organisation: Organisation | None) -> QuerySet[Recipient]:
    if organisation is None:
        return Recipient.objects.none()
    return (
        Recipient.objects.filter(organisation=organisation, remiss__status=RemissStatus.UTSKICKAD)
        .select_related("remiss", "remiss__program", "handlaggare", "organisation")
        .order_by("remiss__deadline", "pk")
    )
