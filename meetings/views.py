"""Views of the sammanträdesplan, a meeting's agenda and decisions, and protokollsutdrag."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from organisations.models import Organisation
from programs.models import Recipient
from programs.selectors import visible_remisser
from responses.selectors import visible_utlatanden

from .access import may_manage, require_manage
from .feeds import meetings_ics
from .forms import (
    ArendeCorrectionForm,
    ImportForm,
    JusteringForm,
    LeadTimesForm,
    RecordMeetingForm,
    SammantradeForm,
)
from .importing import import_meetings
from .models import Arende, LeadTimes, MeetingState, Sammantrade
from .pdf import utdrag_context
from .planning import FlagCode
from .plans import attach_plans
from .selectors import agenda, planned_recipients
from .services import (
    RecordingError,
    arende_correct,
    arende_history,
    sammantrade_justera,
    sammantrade_record,
)

PAST_SHOWN = datetime.timedelta(days=120)


@login_required
def index(request):
    """Your organisation's plan; SLK and administrators choose an organisation.

    Template: meetings/index.html. Context: organisations.
    """
    if request.user.organisation and not (request.user.is_slk or request.user.is_administrator):
        return redirect("meetings:plan", short=request.user.organisation.short)
    organisations = Organisation.objects.exclude(kind="kommunstyrelse")
    return render(request, "meetings/index.html", {"organisations": organisations})


def _plan_context(request, organisation, **forms):
    today = timezone.localdate()
    meetings = list(Sammantrade.objects.filter(organisation=organisation,
                                               date__gte=today - PAST_SHOWN))
    lead = LeadTimes.objects.filter(organisation=organisation).first() or \
        LeadTimes(organisation=organisation)
    recipients = planned_recipients(organisation, today=today)
    planned_count = {}
    for r in recipients:
        if r.meeting_plan and r.meeting_plan.meeting:
            planned_count[r.meeting_plan.meeting.pk] = \
                planned_count.get(r.meeting_plan.meeting.pk, 0) + 1
    for meeting in meetings:
        meeting.planned_count = planned_count.get(meeting.pk, 0)
    manage = may_manage(request.user, organisation)
    return {
        "organisation": organisation, "today": today, "lead": lead, "may_manage": manage,
        "upcoming": [m for m in meetings if m.date >= today],
        "past": [m for m in reversed(meetings) if m.date < today],
        "recipients": recipients,
        "meeting_form": forms.get("meeting_form") or (
            SammantradeForm(organisation=organisation) if manage else None),
        "import_form": forms.get("import_form") or (ImportForm() if manage else None),
    }


@login_required
def plan(request, short):
    """The sammanträdesplan of one organisation and the plan of each open answer.

    Template: meetings/plan.html.
    """
    organisation = get_object_or_404(Organisation, short=short)
    return render(request, "meetings/plan.html", _plan_context(request, organisation))


@login_required
@require_POST
def meeting_create(request, short):
    organisation = get_object_or_404(Organisation, short=short)
    require_manage(request.user, organisation)
    form = SammantradeForm(request.POST, organisation=organisation)
    if not form.is_valid():
        return render(request, "meetings/plan.html",
                      _plan_context(request, organisation, meeting_form=form), status=400)
    meeting = form.save(commit=False)
    meeting.organisation = organisation
    meeting.save()
    messages.success(request, _("Sammanträdet %(d)s är tillagt.") % {
        "d": f"{meeting.date:%Y-%m-%d}"})
    return redirect("meetings:plan", short=short)


@login_required
def meeting_edit(request, pk):
    """Change date, time or place, or cancel. Template: meetings/meeting_form.html."""
    meeting = get_object_or_404(Sammantrade.objects.select_related("organisation"), pk=pk)
    require_manage(request.user, meeting.organisation)
    if meeting.state == MeetingState.GENOMFORT:
        messages.error(request, _("Ett genomfört sammanträde kan inte ändras."))
        return redirect(meeting)
    form = SammantradeForm(request.POST or None, instance=meeting,
                           organisation=meeting.organisation)
    if request.method == "POST":
        if "cancel" in request.POST:
            meeting.state = MeetingState.INSTALLT
            meeting.save(update_fields=["state"])
            messages.success(request, _("Sammanträdet är inställt; planerna räknas om."))
            return redirect("meetings:plan", short=meeting.organisation.short)
        if form.is_valid():
            meeting = form.save(commit=False)
            meeting.state = MeetingState.PLANERAT
            meeting.save()
            messages.success(request, _("Sammanträdet är ändrat; planerna räknas om."))
            return redirect("meetings:plan", short=meeting.organisation.short)
    return render(request, "meetings/meeting_form.html", {"meeting": meeting, "form": form},
                  status=400 if form.errors else 200)


@login_required
def lead_times(request, short):
    """The organisation's lead times. Template: meetings/lead_times.html."""
    organisation = get_object_or_404(Organisation, short=short)
    require_manage(request.user, organisation)
    instance = LeadTimes.objects.filter(organisation=organisation).first() or \
        LeadTimes(organisation=organisation)
    form = LeadTimesForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Ledtiderna är sparade; planerna räknas om."))
        return redirect("meetings:plan", short=short)
    return render(request, "meetings/lead_times.html",
                  {"organisation": organisation, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def import_plan(request, short):
    organisation = get_object_or_404(Organisation, short=short)
    require_manage(request.user, organisation)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "meetings/plan.html",
                      _plan_context(request, organisation, import_form=form), status=400)
    result = import_meetings(organisation, form.meetings, today=timezone.localdate())
    text = _("Importerat: %(c)s nya och %(u)s uppdaterade sammanträden.") % {
        "c": result.created, "u": result.updated}
    if result.skipped_past:
        text += " " + _("%(n)s datum som redan passerat hoppades över.") % {
            "n": result.skipped_past}
    messages.success(request, text)
    return redirect("meetings:plan", short=short)


def feed(request, short):
    """Public iCalendar feed of an organisation's sammanträden (meeting dates are public)."""
    organisation = get_object_or_404(Organisation, short=short)
    meetings = Sammantrade.objects.filter(
        organisation=organisation, date__gte=timezone.localdate() - PAST_SHOWN)
    body = meetings_ics(organisation, meetings, host=request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="sammantraden-{organisation.short}.ics"'
    return response


@login_required
def meeting(request, pk):
    """A meeting's agenda; the nämndsekreterare records the decisions and the justering.

    The only door for the nämnd's decisions. Template: meetings/meeting.html. Context:
    meeting, rows (AgendaRow), form, justering_form.
    """
    meeting = get_object_or_404(Sammantrade.objects.select_related("organisation"), pk=pk)
    manage = may_manage(request.user, meeting.organisation)
    today = timezone.localdate()
    rows = agenda(meeting, request.user, today=today)
    open_rows = [r for r in rows if r.arende is None and r.ready]
    taken = meeting.arenden.values_list("paragraph", flat=True)
    form = justering_form = None
    status = 200
    held = meeting.date <= today and not meeting.is_cancelled
    if manage and held and meeting.justerad_date is None:
        if open_rows:
            form = RecordMeetingForm(request.POST if "record" in request.POST else None,
                                     meeting=meeting, rows=open_rows, taken_paragraphs=taken)
        justering_form = JusteringForm(
            request.POST if "justera" in request.POST else None, meeting=meeting,
            initial={"justerare": meeting.justerare, "justerad_date": today})
    if request.method == "POST":
        if not manage:
            raise PermissionDenied(_("Bara nämndsekreteraren kan registrera beslut."))
        if "record" in request.POST and _only_recorded_rows(request.POST, rows):
            # A repeated post (double click, second tab) after the first one was stored.
            messages.info(request, _("Besluten är redan registrerade vid sammanträdet."))
            return redirect(meeting)
        if "record" in request.POST and form is not None:
            if form.is_valid():
                try:
                    result = sammantrade_record(
                        meeting=meeting, by=request.user, items=form.items,
                        decision_date=form.cleaned_data["decision_date"],
                        justerare=form.cleaned_data["justerare"])
                except RecordingError as error:
                    form.add_error(None, error.message)
                else:
                    _record_messages(request, result)
                    return redirect(meeting)
            status = 400
        elif "justera" in request.POST and justering_form is not None:
            if justering_form.is_valid():
                try:
                    justerade = sammantrade_justera(meeting=meeting, by=request.user,
                                                    **justering_form.cleaned_data)
                except RecordingError as error:
                    justering_form.add_error(None, error.message)
                else:
                    messages.success(request, ngettext(
                        "Protokollet är justerat (%(n)s paragraf).",
                        "Protokollet är justerat (%(n)s paragrafer).", len(justerade))
                        % {"n": len(justerade)})
                    return redirect(meeting)
            status = 400
        elif "record" in request.POST:
            # A repeated post after the first one was stored: nothing is left to record.
            messages.info(request, _("Besluten är redan registrerade vid sammanträdet."))
            return redirect(meeting)
        else:
            messages.error(request, _("Det finns inget att registrera för sammanträdet."))
            return redirect(meeting)
    return render(request, "meetings/meeting.html", {
        "meeting": meeting, "rows": rows, "form": form, "justering_form": justering_form,
        "may_manage": manage, "today": today,
        "has_pending_justering": any(r.arende and not r.arende.is_justerad for r in rows),
    }, status=status)


def _only_recorded_rows(data, rows) -> bool:
    """Whether every decision in the post is for an answer already recorded here."""
    posted = {r.utlatande.pk for r in rows
              if r.utlatande is not None and data.get(f"u{r.utlatande.pk}-outcome")}
    recorded = {r.utlatande.pk for r in rows if r.arende is not None}
    return bool(posted) and posted <= recorded


def _record_messages(request, result) -> None:
    if result.created:
        messages.success(request, ngettext("%(n)s ärende är registrerat.",
                                           "%(n)s ärenden är registrerade.",
                                           len(result.created)) % {"n": len(result.created)})
    if result.already:
        messages.info(request, ngettext(
            "%(n)s ärende var redan registrerat och sparades inte igen.",
            "%(n)s ärenden var redan registrerade och sparades inte igen.",
            len(result.already)) % {"n": len(result.already)})


@login_required
def arende_correct_view(request, pk):
    """Correct a paragraph's §, decision date, text or statements before justering.

    Template: meetings/arende_correct.html. Context: arende, form, history.
    """
    arende = get_object_or_404(
        Arende.objects.select_related("meeting", "meeting__organisation", "utlatande"), pk=pk)
    require_manage(request.user, arende.meeting.organisation)
    if arende.is_justerad:
        messages.error(request, _("§ %(p)s är justerad och kan inte längre rättas.") % {
            "p": arende.paragraph})
        return redirect(arende.meeting)
    form = ArendeCorrectionForm(request.POST if request.method == "POST" else None,
                                arende=arende)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            arende_correct(arende=arende, by=request.user, paragraph=data["paragraph"],
                           decision_date=data["decision_date"],
                           decision_text=data.get("decision_text"),
                           statements=form.statements(), reason=data["reason"])
        except RecordingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Paragrafen är rättad."))
            return redirect(arende.meeting)
    return render(request, "meetings/arende_correct.html", {
        "arende": arende, "meeting": arende.meeting, "form": form,
        "history": arende_history(arende)}, status=400 if form.errors else 200)


def _visible_arende(request, pk) -> Arende:
    arende = get_object_or_404(
        Arende.objects.select_related("meeting", "meeting__organisation", "utlatande"), pk=pk)
    if not visible_utlatanden(request.user).filter(pk=arende.utlatande_id).exists():
        raise PermissionDenied(_("Du har inte behörighet att se ärendet."))
    return arende


@login_required
def utdrag(request, pk):
    """The protokollsutdrag of one paragraph. Template: meetings/protokollsutdrag.html."""
    arende = _visible_arende(request, pk)
    return render(request, "meetings/protokollsutdrag.html", utdrag_context(arende))


@login_required
def utdrag_pdf(request, pk):
    """The protokollsutdrag as PDF/A; only once the paragraph is justerad (409 before)."""
    arende = _visible_arende(request, pk)
    context = utdrag_context(arende)
    if not arende.is_justerad:
        return render(request, "meetings/utdrag_not_ready.html", context, status=409)
    from archive.services import protokollsutdrag_pdf  # the signed bytes of record

    response = HttpResponse(protokollsutdrag_pdf(arende), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{arende.utdrag_file_name()}"'
    return response


@login_required
def remiss_plans(request, pk):
    """Every recipient of one remiss with its planned sammanträde and flags (SLK's early
    warning). Template: meetings/remiss_plans.html."""
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    rows = attach_plans(Recipient.objects.filter(remiss=remiss)
                        .select_related("organisation", "remiss", "handlaggare")
                        .order_by("organisation__name"))
    planned = [r.meeting_plan for r in rows if r.meeting_plan]
    counts = {
        "hinner_inte": sum(p.plan.has_flag(FlagCode.HINNER_INTE) for p in planned),
        "omedelbar": sum(p.plan.has_flag(FlagCode.OMEDELBAR_JUSTERING) for p in planned),
        "ingen_plan": sum(p.plan.has_flag(FlagCode.INGEN_PLAN) for p in planned),
        "planned": sum(p.plan.meeting is not None for p in planned),
    }
    return render(request, "meetings/remiss_plans.html",
                  {"remiss": remiss, "rows": rows, "counts": counts})
