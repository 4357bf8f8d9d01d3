"""Bilagor of a draft: upload, reorder, remove, download (permission-checked)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remiss.downloads import attachment_response

from .forms import BilagaForm, UtlatandeForm
from .models import Bilaga, Utlatande
from .selectors import editable_utlatanden, visible_utlatanden


def _editable(request, pk) -> Utlatande:
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    if not editable_utlatanden(request.user).filter(pk=pk).exists():
        raise PermissionDenied(_("Bilagor kan bara ändras i ett utkast, av handläggare hos "
                                 "remissinstansen."))
    return utlatande


def _renumber(utlatande: Utlatande, ordered: list[Bilaga]) -> None:
    for number, bilaga in enumerate(ordered, start=1):
        if bilaga.order != number:
            bilaga.order = number
            bilaga.save(update_fields=["order"])


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
    upload = form.cleaned_data["file"]
    with transaction.atomic():
        last = utlatande.bilagor.order_by("-order").first()
        Bilaga.objects.create(utlatande=utlatande, order=(last.order + 1) if last else 1,
                              title=form.cleaned_data["title"], file=upload,
                              content_type=form.content_type, size=upload.size)
    messages.success(request, _("Bilagan ”%(title)s” är uppladdad.")
                     % {"title": form.cleaned_data["title"]})
    return redirect("responses:edit", pk=pk)


@login_required
@require_POST
def move(request, pk, bilaga_pk):
    utlatande = _editable(request, pk)
    with transaction.atomic():
        ordered = list(utlatande.bilagor.select_for_update().order_by("order", "pk"))
        index = next((i for i, b in enumerate(ordered) if b.pk == bilaga_pk), None)
        if index is None:
            raise PermissionDenied
        other = index - 1 if request.POST.get("direction") == "up" else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
        _renumber(utlatande, ordered)
    return redirect("responses:edit", pk=pk)


@login_required
@require_POST
def remove(request, pk, bilaga_pk):
    utlatande = _editable(request, pk)
    bilaga = get_object_or_404(utlatande.bilagor, pk=bilaga_pk)
    title = bilaga.title
    # The stored file stays: history and earlier versions may still point at it.
    bilaga.delete()
    _renumber(utlatande, list(utlatande.bilagor.order_by("order", "pk")))
    messages.success(request, _("Bilagan ”%(title)s” är borttagen.") % {"title": title})
    return redirect("responses:edit", pk=pk)


@login_required
def download(request, pk, bilaga_pk):
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    bilaga = get_object_or_404(utlatande.bilagor, pk=bilaga_pk)
    return attachment_response(bilaga.file, f"Bilaga {bilaga.order} {bilaga.title}"[:120],
                               bilaga.content_type)
