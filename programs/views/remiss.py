"""Creating, editing, sending, closing and reading one remiss."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remiss.downloads import attachment_response

from .. import sending, services
from ..forms import RemissForm
from ..groups import kinds_by_group
from ..models import RemissStatus
from ..permissions import may_act_for_recipient, may_manage_remisser, slk_required
from ..selectors import visible_remisser


def _save_form(request, form, remiss=None):
    """Save the remiss, its recipients and documents in one transaction."""
    organisations = form.cleaned_data["chosen_organisations"]
    documents = form.cleaned_data.get("documents") or []
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
    return remiss


@slk_required
def remiss_create(request):
    """A new remiss, saved as utkast. Template: programs/remiss_form.html."""
    if request.user.organisation is None:
        raise Http404
    form = RemissForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        remiss = _save_form(request, form)
        if remiss is not None:
            messages.success(request, _("Remissen är sparad som utkast."))
            return redirect(remiss)
    return render(request, "programs/remiss_form.html",
                  {"form": form, "group_kinds_json": json.dumps(kinds_by_group())})


@slk_required
def remiss_edit(request, pk):
    """Edit a remiss; after sending, recipients can only be added. Same template."""
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    if remiss.status == RemissStatus.AVSLUTAD:
        messages.error(request, _("Remissen är avslutad och kan inte ändras."))
        return redirect(remiss)
    sent = remiss.status == RemissStatus.UTSKICKAD
    form = RemissForm(request.POST or None, request.FILES or None, instance=remiss, sent=sent)
    if request.method == "POST" and form.is_valid():
        if _save_form(request, form, remiss) is not None:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(remiss)
    return render(request, "programs/remiss_form.html",
                  {"form": form, "remiss": remiss,
                   "group_kinds_json": json.dumps(kinds_by_group())})


@require_POST
@slk_required
def remiss_send(request, pk):
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    try:
        sending.remiss_send(remiss=remiss, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(remiss)
    messages.success(request, _("Remissen är utskickad. Remissinstanserna får e-post."))
    return redirect("programs:matrix", pk=remiss.pk)


@require_POST
@slk_required
def remiss_close(request, pk):
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    try:
        services.remiss_close(remiss=remiss, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Remissen är avslutad. Svar som kommer in senare "
                                    "markeras som försenade."))
    return redirect("programs:matrix", pk=remiss.pk)


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
