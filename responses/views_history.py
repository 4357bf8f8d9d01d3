"""Versions of a document (django-simple-history): list, compare two, restore one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .diff import field_diffs, section_pairs
from .editing import Conflict, NotEditable, editable_snapshot, save_draft
from .selectors import editable_utlatanden, participant_utlatanden, visible_utlatanden
from .views import conflict_response, document_context

FIELD_LABELS = {"title": _("Rubrik"), "stance": _("Ställningstagande"),
                "decision_points": _("Förslag till beslut"),
                "signatories": _("Undertecknare"), "handlaggare": _("Handläggare"),
                "till": _("Till"), "own_dnr": _("Eget diarienummer")}


def _own_document(request, pk):
    """Earlier versions are working material: only participants (and administrators)."""
    qs = visible_utlatanden(request.user)
    if not request.user.is_administrator:
        qs = qs.filter(pk__in=participant_utlatanden(request.user).values("pk"))
    return get_object_or_404(qs, pk=pk)


@login_required
def history(request, pk):
    """Every saved version with author and time. Template: responses/history.html."""
    utlatande = _own_document(request, pk)
    versions = utlatande.history.select_related("history_user").order_by("-history_date",
                                                                         "-history_id")
    return render(request, "responses/history.html",
                  document_context(request, utlatande, versions=versions))


@login_required
def compare(request, pk):
    """Word-level diff per section of two versions (?a=&b= history ids; default: the
    two latest). Template: responses/compare.html."""
    utlatande = _own_document(request, pk)
    versions = utlatande.history.order_by("-history_date", "-history_id")
    try:
        a_id = int(request.GET.get("a") or 0)
        b_id = int(request.GET.get("b") or 0)
    except ValueError as error:
        raise Http404 from error
    latest = list(versions[:2])
    old = versions.filter(history_id=a_id).first() if a_id else (
        latest[1] if len(latest) > 1 else latest[0])
    new = versions.filter(history_id=b_id).first() if b_id else latest[0]
    if old is None or new is None:
        raise Http404
    if old.history_date > new.history_date:
        old, new = new, old
    return render(request, "responses/compare.html", document_context(
        request, utlatande, old=old, new=new, versions=versions,
        pairs=section_pairs(old.sections, new.sections),
        fields=field_diffs(editable_snapshot(old), editable_snapshot(new), FIELD_LABELS)))


@login_required
@require_POST
def restore(request, pk, history_id):
    """Restore an old version's text as a new edit (nothing in between is lost: it stays
    in the history)."""
    utlatande = _own_document(request, pk)
    if not editable_utlatanden(request.user).filter(pk=pk).exists():
        messages.error(request, _("Bara ett utkast kan återställas, av handläggare hos "
                                  "remissinstansen."))
        return redirect("responses:history", pk=pk)
    record = get_object_or_404(utlatande.history, history_id=history_id)
    snapshot = editable_snapshot(record)
    try:
        expected = int(request.POST.get("version", ""))
    except ValueError:
        expected = -1
    try:
        save_draft(utlatande, expected_version=expected, changes=snapshot, user=request.user)
    except Conflict as conflict:
        return conflict_response(request, conflict.current, snapshot)
    except NotEditable as refused:
        messages.error(request, str(refused))
        return redirect("responses:history", pk=pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("responses:history", pk=pk)
    messages.success(request, _("Versionen från %(date)s är återställd som en ny ändring.")
                     % {"date": record.history_date.strftime("%Y-%m-%d %H:%M")})
    return redirect("responses:edit", pk=pk)
