"""Writes of the API: keys, and the few changes a diarium makes.

The domain rules stay where they are (programs.sending, programs.services, the permission
functions); these services only put them together for an integration.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from organisations.models import Organisation, OrganisationKind, Role, User
from programs import sending, services
from programs.dnr import normalize_ks_dnr
from programs.models import Program, Recipient, Remiss, RemissStatus
from programs.permissions import may_act_for_recipient, may_manage_remisser
from responses.models import LOCKED_STATES

from .models import ApiKey
from .models.keys import validate_scopes


def role_for(organisation: Organisation) -> str:
    """Stadsledningskontoret's diarium manages remisser; a förvaltning's registers answers."""
    if organisation.kind == OrganisationKind.KOMMUNSTYRELSE:
        return Role.STADSLEDNINGSKONTORET
    return Role.NAMNDSEKRETERARE


def service_user_create(*, name: str, organisation: Organisation) -> User:
    """The inactive, password-less user an API key acts as (never logs in on the web)."""
    user = User(username=f"api-{organisation.short}-{get_random_string(8).lower()}",
                first_name=f"API: {name}"[:150], organisation=organisation,
                role=role_for(organisation), is_active=False)
    user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def api_key_create(*, name: str, organisation: Organisation, scopes: str,
                   by: User | None = None) -> tuple[ApiKey, str]:
    """A new key; the returned plain key is shown once and only its hash is stored."""
    scopes = ",".join(s.strip() for s in scopes.split(",") if s.strip())
    validate_scopes(scopes)
    if not name.strip():
        raise ValidationError(_("Ange ett namn på integrationen."), code="no_name")
    user = service_user_create(name=name, organisation=organisation)
    return ApiKey.objects.create_key(name=name.strip()[:50], organisation=organisation,
                                     scopes=scopes, user=user, created_by=by)


def api_key_revoke(*, api_key: ApiKey) -> ApiKey:
    """Revoked for good (the library refuses to undo it); the service user stays for history."""
    api_key.revoked = True
    api_key.save(update_fields=["revoked"])
    return api_key


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@transaction.atomic
def remiss_create_draft(*, by: User, title: str, ks_dnr: str, remiss_date: datetime.date,
                        deadline: datetime.date, recipients: list[Organisation],
                        program: Program | None = None, description: str = "",
                        contact_name: str = "", contact_email: str = "",
                        contact_phone: str = "") -> Remiss:
    """A remiss registered in the diarium, saved as utkast for SLK to check and send."""
    _require(may_manage_remisser(by), _("Endast stadsledningskontoret kan göra detta."))
    remiss = Remiss(title=title, ks_dnr=ks_dnr, remiss_date=remiss_date, deadline=deadline,
                    program=program, description=description, contact_name=contact_name,
                    contact_email=contact_email, contact_phone=contact_phone,
                    sender=by.organisation, created_by=by, status=RemissStatus.UTKAST)
    remiss.ks_dnr = normalize_ks_dnr(ks_dnr)
    remiss.full_clean()
    remiss._history_user = by
    remiss._change_reason = "Registrerad via API"
    remiss.save()
    sending.remiss_set_recipients(remiss=remiss, organisations=recipients, by=by)
    return remiss


@transaction.atomic
def remiss_add_documents(*, remiss: Remiss, files, by: User):
    _require(may_manage_remisser(by), _("Endast stadsledningskontoret kan göra detta."))
    return sending.remiss_add_documents(remiss=remiss, files=files)


@transaction.atomic
def answer_register_received(*, recipient: Recipient, by: User,
                             at: datetime.datetime | None = None) -> Recipient:
    """An answer that reached kommunstyrelsen outside Remiss (post, e-mail, the diarium)."""
    _require(may_manage_remisser(by), _("Endast stadsledningskontoret kan göra detta."))
    if at is not None and at > timezone.now():
        raise ValidationError(_("Datumet för inkommet svar kan inte ligga i framtiden."),
                              code="answered_in_future")
    return services.recipient_mark_answered(recipient=recipient, by=by, at=at)


@transaction.atomic
def recipient_set_own_dnr(*, recipient: Recipient, own_dnr: str, by: User) -> Recipient:
    """The organisation's own diarienummer, on its recipient row and on its active answer
    while that can still change (a justerad answer is locked, its dnr stays as signed)."""
    _require(may_act_for_recipient(by, recipient),
             _("Bara den svarande organisationen kan ange sitt diarienummer."))
    own_dnr = own_dnr.strip()
    if len(own_dnr) > 60:
        raise ValidationError(_("Diarienumret får vara högst 60 tecken."), code="too_long")
    recipient = Recipient.objects.select_for_update().get(pk=recipient.pk)
    recipient.own_dnr = own_dnr
    recipient._history_user = by
    recipient._change_reason = "Eget diarienummer via API"
    recipient.save()
    link = recipient.links.filter(is_active=True).select_related("utlatande").first()
    if link is not None and link.utlatande.state not in LOCKED_STATES:
        utlatande = link.utlatande
        utlatande.own_dnr = own_dnr
        # A new version: an editor still open on the old one gets the conflict page
        # instead of silently writing the old diarienummer back.
        utlatande.version += 1
        utlatande._history_user = by
        utlatande.save()
    return recipient
