"""Help beside the editor: what the organisation answered last time the program was remitted."""

from .models import PUBLIC_STATES, Utlatande


def previous_answer(utlatande) -> Utlatande | None:
    """The same organisation's public answer to the previous remiss of the same program."""
    recipient = utlatande.recipients.select_related("remiss").first()
    if recipient is None or recipient.remiss.program_id is None:
        return None
    remiss = recipient.remiss
    return (Utlatande.objects.filter(
        organisation_id=utlatande.organisation_id, state__in=PUBLIC_STATES,
        recipients__remiss__program_id=remiss.program_id,
        recipients__remiss__remiss_date__lt=remiss.remiss_date)
        .exclude(pk=utlatande.pk)
        .order_by("-recipients__remiss__remiss_date", "-pk").first())
