"""Bilagor of a draft: upload, reorder, remove, download (permission-checked)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from remiss.downloads import attachment_response

from .bilagor import BilagaGone, bilaga_add, bilaga_move, bilaga_remove
from .forms import BilagaForm, UtlatandeForm
from .models import Utlatande
from .selectors import editable_utlatanden, visible_utlatanden

_ALREADY_REMOVED = _lazy("Bilagan är redan borttagen.")


def _editable(request, pk) -> Utlatande:
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    if not editable_utlatanden(request.user).filter(pk=pk).exists():
        raise PermissionDenied(_("Bilagor kan bara ändras i ett utkast, av handläggare hos "
                                 "remissinstansen."))
    return utlatande


@login_required
@require_POST
def upload(request, pk):
    """Template on error: responses/edit.html (400) with the form's Swedish message."""
    from .views import _editor_context

    utlatande = _editable(request, pk)
    form = BilagaForm(request.POST, request.FILES, prefix="bilaga")
    if not form.is_valid():
        editor = UtlatandeForm(initial=UtlatandeForm.initial_for(utlatande),
                               sections=utlatande.sections)
        return render(request, "responses/edit.html",
                      _editor_context(request, utlatande, editor, bilaga_form=form), status=400)
    bilaga_add(utlatande=utlatande, title=form.cleaned_data["title"],
               file=form.cleaned_data["file"], content_type=form.content_type)
    messages.success(request, _("Bilagan ”%(title)s” är uppladdad.")
                     % {"title": form.cleaned_data["title"]})
    return redirect("responses:edit", pk=pk)


@login_required
@require_POST
def move(request, pk, bilaga_pk):
    utlatande = _editable(request, pk)
    try:
        bilaga_move(utlatande=utlatande, bilaga_pk=bilaga_pk,
                    up=request.POST.get("direction") == "up")
    except BilagaGone:
        messages.info(request, _ALREADY_REMOVED)
    return redirect("responses:edit", pk=pk)


@login_required
@require_POST
def remove(request, pk, bilaga_pk):
    utlatande = _editable(request, pk)
    try:
        removed = bilaga_remove(utlatande=utlatande, bilaga_pk=bilaga_pk)
    except BilagaGone:
        messages.info(request, _ALREADY_REMOVED)
    else:
        messages.success(request, _("Bilagan ”%(title)s” är borttagen.")
                         % {"title": removed.title})
    return redirect("responses:edit", pk=pk)


@login_required
def download(request, pk, bilaga_pk):
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    bilaga = get_object_or_404(utlatande.bilagor, pk=bilaga_pk)
    return attachment_response(bilaga.file, f"Bilaga {bilaga.order} {bilaga.title}"[:120],
                               bilaga.content_type)
