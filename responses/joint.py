"""Joint answers by invitation and consent.

An answer becomes joint only when both organisations agree: a handläggare of a
participating organisation invites another recipient of the same remiss
(`joint_invite`), and a handläggare of that organisation accepts (the recipient row is
then linked to the answer) or declines. While the answer is an utkast either
organisation may end the partnership (`joint_leave`): the partner leaves, or the owning
organisation detaches the partner. Nobody can link another organisation's row alone.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.models import Role
from programs.models import Recipient

from .models import JointInvitation, Utlatande, UtlatandeRecipient

Status = JointInvitation.Status


def joint_candidates(utlatande: Utlatande) -> QuerySet[Recipient]:
    """Recipients of the same remiss that await an answer and have none started: the
    organisations that may be invited (and are not already)."""
    remiss_ids = utlatande.recipients.values("remiss_id")
    return (Recipient.objects.awaiting_answer().filter(remiss_id__in=remiss_ids)
            .exclude(links__is_active=True)
            .exclude(organisation_id__in=utlatande.participating_organisation_ids())
            .exclude(joint_invitations__utlatande=utlatande,
                     joint_invitations__status=Status.PENDING)
            .select_related("organisation").order_by("organisation__name"))


def partners(utlatande: Utlatande) -> QuerySet[Recipient]:
    """Recipient rows the answer also answers, besides the owning organisation's own."""
    return (utlatande.active_recipients().exclude(organisation_id=utlatande.organisation_id)
            .select_related("organisation").order_by("organisation__name"))


def declined(utlatande: Utlatande) -> list[JointInvitation]:
    """Organisations whose latest answer to an invitation to this answer was no, and that
    are not with the answer now: the inviting side sees that they declined."""
    partner_ids = set(partners(utlatande).values_list("pk", flat=True))
    latest = {}
    for invitation in utlatande.joint_invitations.select_related("recipient__organisation"):
        latest.setdefault(invitation.recipient_id, invitation)  # newest first (Meta)
    return [i for i in latest.values()
            if i.status == Status.DECLINED and i.recipient_id not in partner_ids]


def invitations_for(user) -> QuerySet[JointInvitation]:
    """Pending invitations a handläggare may accept or decline for their organisation."""
    if getattr(user, "role", None) != Role.HANDLAGGARE or not user.organisation_id:
        return JointInvitation.objects.none()
    return (JointInvitation.objects.filter(status=Status.PENDING,
                                           recipient__organisation_id=user.organisation_id)
            .select_related("utlatande__organisation", "recipient__remiss", "invited_by"))


def _is_handlaggare_of(user, organisation_id) -> bool:
    return (user.is_authenticated and user.role == Role.HANDLAGGARE
            and user.organisation_id == organisation_id)


def may_answer(user, invitation: JointInvitation) -> bool:
    """Only a handläggare of the invited organisation accepts or declines."""
    return _is_handlaggare_of(user, invitation.recipient.organisation_id)


def _refuse_unless_utkast(utlatande: Utlatande) -> None:
    if not utlatande.is_editable:
        raise ValidationError(_("Ett gemensamt svar kan bara ändras medan det är ett utkast."),
                              code="not_utkast")


def joint_invite(*, utlatande: Utlatande, recipient: Recipient, by) -> JointInvitation:
    """Invite `recipient`'s organisation to answer jointly; nothing is linked yet."""
    with transaction.atomic():
        utlatande = Utlatande.objects.select_for_update().get(pk=utlatande.pk)
        if not (by.role == Role.HANDLAGGARE
                and by.organisation_id in utlatande.participating_organisation_ids()):
            raise PermissionDenied(_("Bara handläggare hos en organisation som skriver svaret "
                                     "kan bjuda in."))
        _refuse_unless_utkast(utlatande)
        if not joint_candidates(utlatande).filter(pk=recipient.pk).exists():
            raise ValidationError(_("Organisationen kan inte bjudas in till det här svaret."),
                                  code="not_candidate")
        invitation = JointInvitation(utlatande=utlatande, recipient=recipient, invited_by=by)
        invitation._history_user = by
        invitation.save()
    return invitation


def _pending(invitation: JointInvitation) -> JointInvitation:
    invitation = (JointInvitation.objects.select_for_update()
                  .select_related("recipient", "utlatande").get(pk=invitation.pk))
    if not invitation.is_pending:
        raise ValidationError(_("Inbjudan är redan besvarad eller återkallad."),
                              code="not_pending")
    return invitation


def _decide(invitation: JointInvitation, status: str, by) -> None:
    invitation.status = status
    invitation.decided_by = by
    invitation.decided_at = timezone.now()
    invitation._history_user = by
    invitation.save()


def joint_accept(*, invitation: JointInvitation, by) -> JointInvitation:
    """The invited organisation agrees: its recipient row is answered by the document."""
    with transaction.atomic():
        invitation = _pending(invitation)
        if not may_answer(by, invitation):
            raise PermissionDenied(_("Bara handläggare hos den inbjudna organisationen kan "
                                     "svara på inbjudan."))
        utlatande = Utlatande.objects.select_for_update().get(pk=invitation.utlatande_id)
        _refuse_unless_utkast(utlatande)
        recipient = Recipient.objects.select_for_update().get(pk=invitation.recipient_id)
        if recipient.links.filter(is_active=True).exists():
            raise ValidationError(_("Er organisation har redan påbörjat ett eget svar."),
                                  code="own_answer")
        if not Recipient.objects.awaiting_answer().filter(pk=recipient.pk).exists():
            raise ValidationError(_("Er organisation har redan svarat på remissen."),
                                  code="answered")
        link = UtlatandeRecipient(utlatande=utlatande, recipient=recipient)
        link._history_user = by
        link.save()
        _decide(invitation, Status.ACCEPTED, by)
    return invitation


def joint_decline(*, invitation: JointInvitation, by) -> JointInvitation:
    with transaction.atomic():
        invitation = _pending(invitation)
        if not may_answer(by, invitation):
            raise PermissionDenied(_("Bara handläggare hos den inbjudna organisationen kan "
                                     "svara på inbjudan."))
        _decide(invitation, Status.DECLINED, by)
    return invitation


def joint_withdraw(*, invitation: JointInvitation, by) -> JointInvitation:
    """The inviting side takes a pending invitation back."""
    with transaction.atomic():
        invitation = _pending(invitation)
        if not (by.role == Role.HANDLAGGARE and by.organisation_id
                in invitation.utlatande.participating_organisation_ids()):
            raise PermissionDenied(_("Bara handläggare hos en organisation som skriver svaret "
                                     "kan återkalla inbjudan."))
        _decide(invitation, Status.WITHDRAWN, by)
    return invitation


def joint_leave(*, utlatande: Utlatande, recipient: Recipient, by) -> None:
    """End the partnership while the answer is an utkast: the partner organisation
    leaves, or the owning organisation detaches it. The partner's row is then free for
    an answer of its own."""
    with transaction.atomic():
        utlatande = Utlatande.objects.select_for_update().get(pk=utlatande.pk)
        link = (UtlatandeRecipient.objects.select_for_update().select_related("recipient")
                .filter(utlatande=utlatande, recipient=recipient, is_active=True).first())
        if link is None or link.recipient.organisation_id == utlatande.organisation_id:
            raise ValidationError(_("Organisationen är inte med i det gemensamma svaret."),
                                  code="not_partner")
        if not (_is_handlaggare_of(by, utlatande.organisation_id)
                or _is_handlaggare_of(by, link.recipient.organisation_id)):
            raise PermissionDenied(_("Bara handläggare hos de organisationer som skriver "
                                     "svaret kan avsluta samarbetet."))
        _refuse_unless_utkast(utlatande)
        link._history_user = by
        link.delete()
