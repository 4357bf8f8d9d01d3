"""Creating documents: a new answer from a recipient row, a correction of a locked one."""

import mimetypes

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.models import Role
from programs.models import Recipient

from .content import STANDARD_DECISION_POINTS, STANDARD_SECTIONS, new_section
from .models import Bilaga, ResponseTemplate, State, Utlatande, UtlatandeRecipient


def response_title(remiss) -> str:
    return f"{remiss.title} ({remiss.ks_dnr}). Svar på remiss från kommunstyrelsen"


def _standard_text(organisation) -> tuple[list[str], list[dict]]:
    """The organisation's template when its nämndsekreterare wrote one, else the city's."""
    template = ResponseTemplate.objects.filter(organisation=organisation).first()
    points = list(template.decision_points) if template and template.decision_points else list(
        STANDARD_DECISION_POINTS)
    if template and template.sections:
        sections = [new_section(s["kind"], s["heading"], s.get("html", ""))
                    for s in template.sections]
    else:
        sections = [new_section(kind, heading) for kind, heading in STANDARD_SECTIONS]
    return points, sections


def _remiss_as_bilaga(utlatande: Utlatande, remiss) -> Bilaga:
    """Bilaga 1 is the remiss itself; it points at the remitted document's stored file."""
    document = remiss.documents.exclude(file="").first()
    content_type = ""
    if document:
        content_type = mimetypes.guess_type(document.file.name)[0] or ""
    return Bilaga.objects.create(
        utlatande=utlatande, order=1,
        title=_("Remiss från kommunstyrelsen: %(title)s (%(dnr)s)")
        % {"title": remiss.title, "dnr": remiss.ks_dnr},
        file=document.file.name if document else "", content_type=content_type,
        size=document.file.size if document and document.file.storage.exists(
            document.file.name) else 0)


def start_response(recipient: Recipient, user) -> Utlatande:
    """Create the answer of a recipient row, prefilled from the remiss; idempotent."""
    if user.role != Role.HANDLAGGARE or user.organisation_id != recipient.organisation_id:
        raise PermissionDenied(_("Bara handläggare hos remissinstansen kan påbörja svaret."))
    with transaction.atomic():
        recipient = Recipient.objects.select_for_update().select_related(
            "remiss", "organisation").get(pk=recipient.pk)
        existing = Utlatande.objects.filter(links__recipient=recipient,
                                            links__is_active=True).first()
        if existing:
            return existing
        remiss = recipient.remiss
        organisation = recipient.organisation
        points, sections = _standard_text(organisation)
        utlatande = Utlatande(
            organisation=organisation, owner=user, title=response_title(remiss),
            date=timezone.localdate(), own_dnr=recipient.own_dnr, till=organisation.name,
            handlaggare=[{"name": user.get_full_name() or user.username, "telefon": user.phone}],
            decision_points=points, sections=sections)
        utlatande._history_user = user
        utlatande.save()
        UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=recipient)
        _remiss_as_bilaga(utlatande, remiss)
        if recipient.handlaggare_id is None:
            recipient.handlaggare = user
            recipient.save(update_fields=["handlaggare"])
    return utlatande


def start_correction(utlatande: Utlatande, user) -> Utlatande:
    """A locked document is never changed: a correction is a new utkast linked to it."""
    if (user.role != Role.HANDLAGGARE
            or user.organisation_id not in utlatande.participating_organisation_ids()):
        raise PermissionDenied(_("Bara handläggare hos remissinstansen kan starta en rättelse."))
    if not utlatande.is_locked:
        raise PermissionDenied(_("Bara ett justerat dokument rättas med en ny version."))
    with transaction.atomic():
        existing = utlatande.corrections.first()
        if existing:
            return existing
        copy = Utlatande(
            organisation=utlatande.organisation, owner=user, previous=utlatande,
            title=utlatande.title, date=timezone.localdate(), own_dnr=utlatande.own_dnr,
            avdelning=utlatande.avdelning, till=utlatande.till,
            handlaggare=utlatande.handlaggare, decision_points=utlatande.decision_points,
            sections=utlatande.sections, stance=utlatande.stance, state=State.UTKAST)
        copy._history_user = user
        copy.save()
        links = list(utlatande.links.filter(is_active=True))
        # The old answer stays as it was; only the link table says which one is current.
        UtlatandeRecipient.objects.filter(pk__in=[link.pk for link in links]).update(
            is_active=False)
        for link in links:
            UtlatandeRecipient.objects.create(utlatande=copy, recipient=link.recipient)
        for bilaga in utlatande.bilagor.all():
            Bilaga.objects.create(utlatande=copy, order=bilaga.order, title=bilaga.title,
                                  file=bilaga.file.name, content_type=bilaga.content_type,
                                  size=bilaga.size)
    return copy
