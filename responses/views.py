"""Reading, starting, editing and moving a tjänsteutlåtande. Views stay thin: the rules
live in workflow.py, editing.py, services.py and selectors.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisations.models import Role
from programs.models import Recipient

from . import checklist, help_panel, joint, services, workflow
from .editing import Conflict, NotEditable, clean_sections, save_draft
from .forms import BilagaForm, TransitionForm, UtlatandeForm
from .merge import merge_with_saved
from .models import JointInvitation
from .selectors import (
    editable_utlatanden,
    participant_utlatanden,
    startable_recipients,
    visible_utlatanden,
)


def document_context(request, utlatande, **extra) -> dict:
    """What every page of one document shows: status, navigation, may the user edit."""
    return {
        "utlatande": utlatande,
        "can_edit": editable_utlatanden(request.user).filter(pk=utlatande.pk).exists(),
        # Earlier versions are working material of the answering organisations.
        "can_see_history": request.user.is_administrator or participant_utlatanden(
            request.user).filter(pk=utlatande.pk).exists(),
        # A joint answer says so on every page of it, not only in the editor.
        "joint_partners": joint.partners(utlatande),
        **extra,
    }


@login_required
def detail(request, pk):
    """A tjänsteutlåtande as a reader sees it, with its workflow actions and timeline.

    Template: responses/detail.html.
    """
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    actions = workflow.available_actions(utlatande, request.user)
    comments = utlatande.comments.select_related("author", "resolved_by")
    return render(request, "responses/detail.html", document_context(
        request, utlatande,
        bilagor=utlatande.bilagor.all(),
        actions=actions,
        meeting_actions=workflow.meeting_actions(utlatande, request.user),
        arenden=utlatande.arenden.select_related("meeting").order_by("meeting__date", "pk"),
        transitions=utlatande.transitions.select_related("by", "organisation"),
        comments=comments,
        can_comment=_may_comment(request.user, utlatande),
        can_correct=(utlatande.is_locked and request.user.role == Role.HANDLAGGARE
                     and request.user.organisation_id
                     in utlatande.participating_organisation_ids()
                     and not utlatande.corrections.exists()),
        section_titles={s["key"]: s["heading"] for s in utlatande.sections},
        checklist=checklist.check(utlatande) if not utlatande.is_public else [],
    ))


def _may_comment(user, utlatande) -> bool:
    return (not utlatande.is_public and user.organisation_id is not None
            and user.organisation_id in utlatande.participating_organisation_ids())


@login_required
@require_POST
def start_response(request, recipient_pk):
    """Create (or open) the answer of one of the user's organisation's recipient rows."""
    recipient = get_object_or_404(Recipient, pk=recipient_pk)
    existing = recipient.utlatanden.filter(links__is_active=True).first()
    if existing is None and not startable_recipients(request.user).filter(
            pk=recipient.pk).exists():
        raise PermissionDenied(_("Du kan inte påbörja ett svar på den här remissen."))
    utlatande = existing or services.start_response(recipient, request.user)
    if not visible_utlatanden(request.user).filter(pk=utlatande.pk).exists():
        raise PermissionDenied
    return redirect("responses:edit", pk=utlatande.pk)


def _editable_or_refuse(request, pk):
    """The document if the user may edit it; 404 when invisible, 403 when not theirs."""
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    if not editable_utlatanden(request.user).filter(pk=pk).exists():
        if utlatande.is_editable:
            raise PermissionDenied(_("Bara handläggare hos remissinstansen kan redigera "
                                     "utkastet."))
        return utlatande, False
    return utlatande, True


def _editor_context(request, utlatande, form, **extra):
    extra.setdefault("bilaga_form", BilagaForm(prefix="bilaga"))
    return document_context(
        request, utlatande, form=form, bilagor=utlatande.bilagor.all(),
        open_comments=utlatande.comments.filter(resolved_at__isnull=True)
        .select_related("author"),
        help=help_panel.previous_answer(utlatande),
        joint_candidates=joint.joint_candidates(utlatande),
        joint_invitations=utlatande.joint_invitations.filter(
            status=JointInvitation.Status.PENDING).select_related("recipient__organisation"),
        joint_declined=joint.declined(utlatande),
        checklist=checklist.check(utlatande), **extra)


@login_required
def edit(request, pk):
    """The editor: a plain form post; autosave (drafting.js) posts the same form to autosave.

    Template: responses/edit.html; on a stale version responses/conflict.html (409).
    """
    utlatande, editable = _editable_or_refuse(request, pk)
    if not editable and request.method == "POST":
        # A save after the document left utkast: refuse (409) but show the text back.
        form = UtlatandeForm(request.POST, sections=utlatande.sections)
        mine = form.changes() if form.is_valid() else {"sections": utlatande.sections}
        mine["sections"] = clean_sections(mine["sections"])
        messages.error(request, _("Dokumentet har status %(state)s och kan inte längre "
                                  "redigeras. Dina ändringar är inte sparade.")
                       % {"state": utlatande.get_state_display()})
        return render(request, "responses/conflict.html",
                      conflict_context(request, utlatande, mine, editable=False), status=409)
    if not editable:
        messages.info(request, _("Dokumentet har status %(state)s och kan inte redigeras.")
                      % {"state": utlatande.get_state_display()})
        return redirect(utlatande)
    if request.method != "POST":
        form = UtlatandeForm(initial=UtlatandeForm.initial_for(utlatande),
                             sections=utlatande.sections)
        return render(request, "responses/edit.html", _editor_context(request, utlatande, form))
    form = UtlatandeForm(request.POST, sections=utlatande.sections)
    if not form.is_valid():
        return render(request, "responses/edit.html",
                      _editor_context(request, utlatande, form), status=400)
    changes = form.changes(add_section="add_section" in request.POST)
    changes["sections"] = clean_sections(changes["sections"])
    try:
        saved = save_draft(utlatande, expected_version=form.cleaned_data["version"],
                           changes=changes, user=request.user)
    except Conflict as conflict:
        return _merge_or_conflict(request, conflict.current, form.cleaned_data["version"],
                                  changes)
    except NotEditable as refused:
        messages.error(request, str(refused))
        return render(request, "responses/conflict.html",
                      conflict_context(request, refused.current, changes, editable=False),
                      status=409)
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "responses/edit.html",
                      _editor_context(request, utlatande, form), status=400)
    messages.success(request, _("Sparat %(time)s.") % {
        "time": time_format(timezone.localtime(saved.updated_at), "H:i")})
    if "save_and_view" in request.POST:
        return redirect(saved)
    return redirect("responses:edit", pk=saved.pk)


def _merge_or_conflict(request, current, base_version: int, mine: dict):
    """Someone saved since the editor loaded: keep what only one side changed; if both
    changed the same thing, show the conflict page with the merge so far."""
    for _attempt in range(3):
        result, saved_since = merge_with_saved(current=current, base_version=base_version,
                                               mine=mine)
        if not result.is_clean:
            return render(request, "responses/conflict.html",
                          conflict_context(request, current, mine, result=result,
                                           saved_since=saved_since), status=409)
        try:
            saved = save_draft(current, expected_version=current.version,
                               changes=result.merged, user=request.user)
        except Conflict as again:
            current = again.current
            continue
        except ValidationError as error:
            # Together the two versions break a limit (too many or too long sections).
            messages.error(request, " ".join(error.messages))
            return render(request, "responses/conflict.html",
                          conflict_context(request, current, mine, result=result,
                                           saved_since=saved_since), status=409)
        except NotEditable as refused:
            messages.error(request, str(refused))
            return render(request, "responses/conflict.html",
                          conflict_context(request, refused.current, mine, editable=False),
                          status=409)
        for version in saved_since:
            messages.info(request, _saved_since_message(version))
        messages.success(request, _("Dina ändringar är sammanslagna med den nyare versionen "
                                    "och sparade %(time)s.") % {
            "time": time_format(timezone.localtime(saved.updated_at), "H:i")})
        if "save_and_view" in request.POST:
            return redirect(saved)
        return redirect("responses:edit", pk=saved.pk)
    return render(request, "responses/conflict.html",
                  conflict_context(request, current, mine), status=409)


def _saved_since_message(version) -> str:
    who = (version.user.get_full_name() or version.user.username) if version.user else _(
        "En kollega")
    when = timezone.localtime(version.at).strftime("%Y-%m-%d %H:%M")
    if version.changed:
        return _("%(who)s har sparat en ny version %(when)s och ändrade: %(what)s.") % {
            "who": who, "when": when, "what": ", ".join(version.changed)}
    return _("%(who)s har sparat en ny version %(when)s.") % {"who": who, "when": when}


def conflict_context(request, current, mine: dict, editable=True, result=None,
                     saved_since=()) -> dict:
    """The sections and fields both changed side by side, who saved what since, and a
    merge form on the stored version with everything else already merged."""
    from .diff import field_diffs, section_pairs

    merged = current.__class__(**{f.attname: getattr(current, f.attname)
                                  for f in current._meta.concrete_fields})
    for field, value in (result.merged if result else mine).items():
        setattr(merged, field, value)
    form = UtlatandeForm(initial=UtlatandeForm.initial_for(merged), sections=merged.sections)
    pairs = section_pairs(current.sections, mine.get("sections", current.sections))
    if result is not None:
        both = set(result.conflict_sections)
        pairs = [pair for pair in pairs if pair["key"] in both]
        labels = {name: current._meta.get_field(name).verbose_name
                  for name in result.conflict_fields}
        fields = field_diffs({name: getattr(current, name) for name in labels}, mine, labels)
    else:
        both = {pair["key"] for pair in pairs if pair["status"] == "changed"}
        fields = []
    return document_context(request, current, form=form, mine=mine, theirs=current,
                            pairs=pairs, field_conflicts=fields,
                            saved_since=[_saved_since_message(v) for v in saved_since],
                            merged_automatically=result is not None,
                            merge_rows=form.merge_rows(both), editable=editable)


def conflict_response(request, current, mine: dict):
    return render(request, "responses/conflict.html",
                  conflict_context(request, current, mine), status=409)


def field_errors_text(form) -> str:
    """Each error with the name of its field: "Rubrik: Detta fält måste fyllas i." """
    parts = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = field.label if field is not None and field.label else ""
        for error in errors:
            error = error.rstrip(".")
            parts.append(f"{label}: {error}." if label else f"{error}.")
    return " ".join(parts) or _("Kontrollera fälten.")


@login_required
@require_POST
def autosave(request, pk):
    """JSON save for drafting.js: {version, saved_at} or 409 {conflict, url}."""
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    if not editable_utlatanden(request.user).filter(pk=pk).exists():
        status = 409 if not utlatande.is_editable else 403
        return JsonResponse({"error": _("Dokumentet kan inte redigeras."),
                             "state": utlatande.state}, status=status)
    form = UtlatandeForm(request.POST, sections=utlatande.sections)
    if not form.is_valid():
        return JsonResponse({"error": field_errors_text(form),
                             "errors": form.errors.get_json_data()}, status=400)
    changes = form.changes()
    try:
        saved = save_draft(utlatande, expected_version=form.cleaned_data["version"],
                           changes=changes, user=request.user)
    except (Conflict, NotEditable) as refused:
        return JsonResponse({"conflict": True, "error": str(refused),
                             "version": refused.current.version,
                             "url": request.build_absolute_uri(
                                 refused.current.get_absolute_url())}, status=409)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse({"version": saved.version,
                         "saved_at": time_format(timezone.localtime(saved.updated_at), "H:i")})


@login_required
@require_POST
def transition(request, pk, action):
    """Take a workflow step; the workflow checks state, role and organisation."""
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    form = TransitionForm(request.POST)
    form.is_valid()
    try:
        workflow.apply(utlatande, action, request.user,
                       comment=form.cleaned_data.get("comment", ""))
    except workflow.TransitionForbidden:
        raise
    except workflow.TransitionError as error:
        messages.error(request, error.message)
        return redirect(utlatande)
    step = workflow.ACTIONS[action]
    if utlatande.state == step.target:
        messages.success(request, step.done)
    else:  # e.g. one of two organisations of a joint answer has approved
        messages.success(request, _("”%(action)s” är registrerat. Dokumentet har fortfarande "
                                    "status %(state)s.") % {
            "action": step.label, "state": utlatande.get_state_display().lower()})
    return redirect(utlatande)


@login_required
@require_POST
def correction(request, pk):
    """Start a new version of a locked document."""
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    copy = services.start_correction(utlatande, request.user)
    messages.success(request, _("En rättelse har skapats som ny version."))
    return redirect("responses:edit", pk=copy.pk)
