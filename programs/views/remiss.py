"""Creating, editing, sending, closing and reading one remiss."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from remiss.downloads import attachment_response

from .. import kept_uploads, sending, services
from ..forms import RemissForm, ReopenForm
from ..groups import kinds_by_group
from ..models import RemissStatus
from ..permissions import may_act_for_recipient, may_manage_remisser, slk_required
from ..remisstid import remisstid_warning, validate_remisstid
from ..selectors import visible_remisser


def _save_form(request, form, kept, remiss=None):
    """Save the remiss, its recipients and documents (chosen now or kept from a failed
    submit) in one transaction."""
    kept_handles = kept_uploads.open_kept(kept)
    organisations = form.cleaned_data["chosen_organisations"]
    documents = [*kept_handles, *(form.cleaned_data.get("documents") or [])]
    try:
        remiss = form.save(commit=False)
        if remiss.pk is None:
            remiss = sending.remiss_create(remiss=remiss, organisations=organisations,
                                           documents=documents, by=request.user)
        else:
            remiss = services.remiss_update(remiss=remiss, organisations=organisations,
                                            documents=documents, by=request.user)
    except ValidationError as error:
        field = "documents" if error.code in {"too_large", "empty", "bad_type", "pdf_active",
                                              "zip_bomb"} else None
        form.add_error(field, error)
        return None
    finally:
        for handle in kept_handles:
            handle.close()
    kept_uploads.discard_kept(kept)
    return remiss


def _kept(request, form) -> list[dict]:
    """Files kept from an earlier failed submit (those still ticked), plus the acceptable
    files chosen now when the form failed."""
    kept = kept_uploads.kept_files(request.POST.getlist("kept_document"), request.user)
    if request.method == "POST" and form.errors:
        new = kept_uploads.keep_uploads(files=getattr(form, "valid_documents", []),
                                        user=request.user)
        kept += kept_uploads.kept_files([item["token"] for item in new], request.user)
    return kept


def _form_page(request, form, kept, remiss=None):
    return render(request, "programs/remiss_form.html", {
        "form": form, "remiss": remiss, "kept": kept,
        "group_kinds_json": json.dumps(kinds_by_group())})


def _warn_short_remisstid(request, remiss) -> None:
    warning = remisstid_warning(remiss.deadline, remiss_date=remiss.remiss_date)
    if warning:
        messages.warning(request, warning)


@slk_required
def remiss_create(request):
    """A new remiss, saved as utkast. Template: programs/remiss_form.html."""
    if request.user.organisation is None:
        raise Http404
    form = RemissForm(request.POST or None, request.FILES or None)
    kept = kept_uploads.kept_files(request.POST.getlist("kept_document"), request.user)
    if request.method == "POST" and form.is_valid():
        remiss = _save_form(request, form, kept)
        if remiss is not None:
            messages.success(request, _("Remissen är sparad som utkast."))
            _warn_short_remisstid(request, remiss)
            return redirect(remiss)
    return _form_page(request, form, _kept(request, form))


@slk_required
def remiss_edit(request, pk):
    """Edit a remiss; after sending, recipients can only be added. Same template."""
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    if remiss.status == RemissStatus.AVSLUTAD:
        messages.error(request, _("Remissen är avslutad och kan inte ändras."))
        return redirect(remiss)
    sent = remiss.status == RemissStatus.UTSKICKAD
    form = RemissForm(request.POST or None, request.FILES or None, instance=remiss, sent=sent)
    kept = kept_uploads.kept_files(request.POST.getlist("kept_document"), request.user)
    if request.method == "POST" and form.is_valid():
        if _save_form(request, form, kept, remiss) is not None:
            messages.success(request, _("Ändringarna är sparade."))
            if "deadline" in form.changed_data:
                _warn_short_remisstid(request, remiss)
            return redirect(remiss)
    return _form_page(request, form, _kept(request, form), remiss)


@slk_required
def remiss_send(request, pk):
    """Confirm, then send: GET shows the recipients, the remisstid and the mail that goes
    out; POST sends. Template: programs/remiss_send_confirm.html."""
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    if remiss.status != RemissStatus.UTKAST:
        messages.info(request, _("Remissen är redan utskickad."))
        return redirect(remiss)
    errors = []
    if request.method == "POST":
        try:
            sending.remiss_send(remiss=remiss, by=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            count = remiss.recipients.count()
            messages.success(request, ngettext(
                "Remissen är utskickad till %(n)d remissinstans. Den får e-post.",
                "Remissen är utskickad till %(n)d remissinstanser. De får e-post.", count)
                % {"n": count})
            return redirect("programs:matrix", pk=remiss.pk)
    else:
        try:
            validate_remisstid(remiss.deadline, remiss_date=remiss.remiss_date)
        except ValidationError as error:
            errors = error.messages
    recipients = list(remiss.recipients.select_related("organisation", "handlaggare"))
    return render(request, "programs/remiss_send_confirm.html", {
        "remiss": remiss, "recipients": [
            {"recipient": r, "to": sending.recipient_addresses(r)} for r in recipients],
        "preview": sending.notification_preview(recipients[0]) if recipients else None,
        "errors": errors,
        "warning": remisstid_warning(remiss.deadline, remiss_date=remiss.remiss_date),
    }, status=400 if errors and request.method == "POST" else 200)


@slk_required
def remiss_reopen(request, pk):
    """Open a closed remiss again, with a reason for the history.

    Template: programs/remiss_reopen.html.
    """
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    if remiss.status != RemissStatus.AVSLUTAD:
        messages.info(request, _("Remissen är inte avslutad."))
        return redirect(remiss)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.remiss_reopen(remiss=remiss, by=request.user,
                                  reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Remissen är öppen igen. Svar som saknas bevakas "
                                        "på nytt."))
            return redirect("programs:matrix", pk=remiss.pk)
    return render(request, "programs/remiss_reopen.html", {"remiss": remiss, "form": form})


@require_POST
@slk_required
def document_delete(request, pk, document_pk):
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    document = get_object_or_404(remiss.documents, pk=document_pk)
    if remiss.status != RemissStatus.UTKAST:
        messages.error(request, _("Dokument kan inte tas bort när remissen är utskickad."))
    else:
        document.file.delete(save=False)
        document.delete()
        messages.success(request, _("Dokumentet är borttaget."))
    return redirect("programs:remiss_edit", pk=remiss.pk)


@login_required
def document_download(request, pk, document_pk):
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    document = get_object_or_404(remiss.documents, pk=document_pk)
    return attachment_response(document.file, document.title,
                               document.content_type or "application/octet-stream")


@login_required
def remiss_detail(request, pk):
    """One remiss with its documents and, for its recipients, their own row.

    Template: programs/remiss_detail.html.
    """
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    recipients = remiss.recipients.select_related("organisation", "handlaggare")
    own = next((r for r in recipients if may_act_for_recipient(request.user, r)), None)
    return render(request, "programs/remiss_detail.html", {
        "remiss": remiss, "recipients": recipients, "documents": remiss.documents.all(),
        "own_recipient": own,
        "own_anstand": own.anstand_requests.select_related("decided_by") if own else [],
        "may_manage": may_manage_remisser(request.user),
    })
