"""Joint answers: invite, accept or decline, withdraw, leave (services in joint.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import joint
from .models import JointInvitation
from .selectors import editable_utlatanden, visible_utlatanden


def _message_or_redirect(request, error: ValidationError, to):
    messages.error(request, " ".join(error.messages))
    return redirect(to)


@login_required
@require_POST
def invite(request, pk):
    """Invite another recipient of the remiss to answer jointly; it must accept."""
    utlatande = get_object_or_404(editable_utlatanden(request.user), pk=pk)
    recipient = get_object_or_404(joint.joint_candidates(utlatande),
                                  pk=request.POST.get("recipient") or 0)
    try:
        joint.joint_invite(utlatande=utlatande, recipient=recipient, by=request.user)
    except ValidationError as error:
        return _message_or_redirect(request, error, utlatande)
    messages.success(request, _("%(org)s är inbjuden att svara gemensamt. Svaret blir "
                                "gemensamt när de har tackat ja.")
                     % {"org": recipient.organisation})
    return redirect("responses:edit", pk=pk)


@login_required
@require_POST
def answer_invitation(request, invitation_pk):
    """The invited organisation accepts (decision=ja) or declines (decision=nej)."""
    invitation = get_object_or_404(JointInvitation.objects.select_related(
        "recipient__organisation", "utlatande"), pk=invitation_pk)
    if not joint.may_answer(request.user, invitation):
        raise PermissionDenied(_("Bara handläggare hos den inbjudna organisationen kan svara "
                                 "på inbjudan."))
    decision = request.POST.get("decision")
    if decision not in ("ja", "nej"):
        messages.error(request, _("Välj om ni tackar ja eller nej till inbjudan."))
        return redirect("start")
    try:
        if decision == "ja":
            joint.joint_accept(invitation=invitation, by=request.user)
        else:
            joint.joint_decline(invitation=invitation, by=request.user)
    except ValidationError as error:
        return _message_or_redirect(request, error, "start")
    if decision == "nej":
        messages.success(request, _("Ni har tackat nej till att svara gemensamt."))
        return redirect("start")
    messages.success(request, _("Svaret är nu gemensamt. Varje organisation behöver "
                                "godkänna det."))
    return redirect("responses:edit", pk=invitation.utlatande_id)


@login_required
@require_POST
def withdraw_invitation(request, invitation_pk):
    invitation = get_object_or_404(
        JointInvitation.objects.filter(utlatande__in=visible_utlatanden(request.user)),
        pk=invitation_pk)
    try:
        joint.joint_withdraw(invitation=invitation, by=request.user)
    except ValidationError as error:
        return _message_or_redirect(request, error, invitation.utlatande)
    messages.success(request, _("Inbjudan är återkallad."))
    return redirect("responses:edit", pk=invitation.utlatande_id)


@login_required
@require_POST
def leave(request, pk):
    """A partner leaves the joint answer, or the owning organisation detaches it."""
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    recipient = get_object_or_404(joint.partners(utlatande),
                                  pk=request.POST.get("recipient") or 0)
    try:
        joint.joint_leave(utlatande=utlatande, recipient=recipient, by=request.user)
    except ValidationError as error:
        return _message_or_redirect(request, error, utlatande)
    messages.success(request, _("%(org)s är inte längre med i svaret.")
                     % {"org": recipient.organisation})
    if request.user.organisation_id == recipient.organisation_id:
        return redirect("start")
    return redirect("responses:edit", pk=pk)
