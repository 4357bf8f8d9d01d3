"""What happens to one recipient row: anstånd, declining, the answer arriving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remiss.downloads import attachment_response

from .. import anstand, services
from ..forms import AnstandDecisionForm, AnstandRequestForm, AnswerReceivedForm, DeclineForm
from ..models import DECIDED_ANSWER_STATES, AnstandRequest, Recipient
from ..permissions import may_act_for_recipient, may_manage_remisser, slk_required
from ..selectors import visible_remisser

# The codes remiss.uploads.validate_upload refuses a file with.
UPLOAD_ERRORS = {"too_large", "empty", "bad_type", "pdf_active", "zip_bomb"}


def _recipient(request, pk, recipient_pk) -> Recipient:
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    return get_object_or_404(remiss.recipients.select_related("organisation", "remiss"),
                             pk=recipient_pk)


@login_required
def anstand_request(request, pk, recipient_pk):
    """The recipient asks for a later deadline. Template: programs/anstand_request.html."""
    recipient = _recipient(request, pk, recipient_pk)
    if not may_act_for_recipient(request.user, recipient):
        raise PermissionDenied(_("Bara remissinstansen själv kan begära anstånd."))
    form = AnstandRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            anstand.anstand_request(recipient=recipient, deadline=form.cleaned_data["deadline"],
                                    reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            form.add_error("deadline" if error.code == "anstand_not_later" else None, error)
        else:
            messages.success(request, _("Begäran om anstånd är skickad till "
                                        "stadsledningskontoret."))
            return redirect(recipient.remiss)
    return render(request, "programs/anstand_request.html", {
        "form": form, "recipient": recipient, "remiss": recipient.remiss,
        "history": recipient.anstand_requests.select_related("decided_by")})


@slk_required
def anstand_decide(request, request_pk):
    """SLK grants or refuses. Template: programs/anstand_decide.html."""
    anstand_request_obj = get_object_or_404(
        AnstandRequest.objects.select_related("recipient__remiss", "recipient__organisation",
                                              "requested_by"), pk=request_pk)
    recipient = anstand_request_obj.recipient
    form = AnstandDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "grant":
                anstand.anstand_grant(request=anstand_request_obj, by=request.user,
                                      deadline=data.get("deadline"),
                                      comment=data.get("comment") or "")
                messages.success(request, _("Anståndet är beviljat."))
            else:
                anstand.anstand_refuse(request=anstand_request_obj, by=request.user,
                                       comment=data["comment"])
                messages.success(request, _("Anståndet är avslaget."))
        except ValidationError as error:
            form.add_error("deadline" if error.code == "anstand_not_later" else None, error)
        else:
            return redirect("programs:matrix", pk=recipient.remiss_id)
    return render(request, "programs/anstand_decide.html", {
        "form": form, "anstand": anstand_request_obj, "recipient": recipient,
        "remiss": recipient.remiss,
        "history": recipient.anstand_requests.select_related("decided_by")})


@login_required
def recipient_decline(request, pk, recipient_pk):
    """The nämnd avstår från att yttra sig. Template: programs/recipient_decline.html."""
    recipient = _recipient(request, pk, recipient_pk)
    if not (may_act_for_recipient(request.user, recipient)
            or may_manage_remisser(request.user)):
        raise PermissionDenied(_("Du kan inte avstå för en annan organisation."))
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recipient_decline(recipient=recipient, reason=form.cleaned_data["reason"],
                                      by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Registrerat: %(org)s avstår från att yttra sig.")
                             % {"org": recipient.organisation})
            return redirect(recipient.remiss)
    return render(request, "programs/recipient_decline.html",
                  {"form": form, "recipient": recipient, "remiss": recipient.remiss})


@slk_required
def recipient_answered(request, pk, recipient_pk):
    """SLK registers that the answer has arrived (inkommit): the date, the stance and the
    answer document. Template: programs/recipient_answered.html."""
    recipient = _recipient(request, pk, recipient_pk)
    if recipient.answered_at is not None:
        messages.info(request, _("Svaret från %(org)s är redan registrerat som inkommet.")
                      % {"org": recipient.organisation})
        return redirect("programs:matrix", pk=recipient.remiss_id)
    # An answer written in Remiss that SLK may read (a draft is not an answer yet).
    link = recipient.links.filter(is_active=True, utlatande__state__in=DECIDED_ANSWER_STATES
                                  ).select_related("utlatande").first()
    utlatande = link.utlatande if link else None
    form = AnswerReceivedForm(request.POST or None, request.FILES or None,
                              has_answer_in_remiss=utlatande is not None,
                              initial={"stance": utlatande.stance if utlatande else ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.recipient_mark_answered(
                recipient=recipient, by=request.user, at=data["received"],
                stance=data["stance"], document=data.get("document"), url=data.get("url", ""))
        except ValidationError as error:
            field = {"received_in_future": "received", "received_before_sent": "received"
                     }.get(error.code, "document" if error.code in UPLOAD_ERRORS else None)
            form.add_error(field, error)
        else:
            messages.success(request, _("Svaret från %(org)s är registrerat som inkommet "
                                        "%(date)s.")
                             % {"org": recipient.organisation,
                                "date": data["received"].isoformat()})
            return redirect("programs:matrix", pk=recipient.remiss_id)
    return render(request, "programs/recipient_answered.html", {
        "form": form, "recipient": recipient, "remiss": recipient.remiss,
        "utlatande": utlatande})


@require_POST
@slk_required
def recipient_answered_undo(request, pk, recipient_pk):
    """Undo a registration of an arrived answer."""
    recipient = _recipient(request, pk, recipient_pk)
    try:
        services.recipient_undo_answered(recipient=recipient, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Svaret från %(org)s räknas inte längre som inkommet.")
                         % {"org": recipient.organisation})
    return redirect("programs:matrix", pk=recipient.remiss_id)


@slk_required
def answer_document(request, pk, recipient_pk):
    """The answer document SLK registered with the arrived answer."""
    recipient = _recipient(request, pk, recipient_pk)
    if not recipient.answer_file:
        raise Http404
    return attachment_response(recipient.answer_file,
                               _("Svar från %(org)s") % {"org": recipient.organisation},
                               recipient.answer_content_type or "application/octet-stream")
