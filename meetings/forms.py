"""Forms of the sammanträdesplan: a meeting, the lead times, an import file, a justering."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from remiss.textclean import clean_control_chars
from remiss.uploads import TEXT, validate_upload

from .importing import ImportError_, parse_file
from .models import (
    DECIDED_OUTCOMES,
    MAX_TOTAL_LEAD_DAYS,
    LeadTimes,
    Outcome,
    Sammantrade,
    StatementKind,
)
from .planning import LeadTimeValues
from .services import (
    ItemDecision,
    RecordingError,
    Statement,
    check_decision_date,
    check_justering_date,
    proposal_text,
    proposes_omedelbar_justering,
)


class NoSuffixMixin:
    """Labels without Django's trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class SammantradeForm(NoSuffixMixin, forms.ModelForm):
    class Meta:
        model = Sammantrade
        fields = ["date", "time", "place"]
        widgets = {"date": DateInput(), "time": TimeInput()}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date < timezone.localdate() and date != self.instance.date:
            raise ValidationError(_("Datumet %(d)s har redan passerat; ett sammanträde i "
                                    "planen måste ligga i framtiden."),
                                  code="past", params={"d": f"{date:%Y-%m-%d}"})
        clash = Sammantrade.objects.filter(organisation=self.organisation, date=date)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("Det finns redan ett sammanträde den dagen."),
                                  code="same_day")
        return date


class LeadTimesForm(NoSuffixMixin, forms.ModelForm):
    remissvar_delegated = forms.BooleanField(
        label=_("Nämnden har delegerat remissvar till förvaltningschefen"), required=False,
        help_text=_("Då kan svaret beslutas som delegationsbeslut, utan sammanträde."))

    class Meta:
        model = LeadTimes
        fields = ["kallelse_days", "signering_days", "granskning_days", "justering_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remissvar_delegated"].initial = \
            self.instance.organisation.remissvar_delegated

    def save(self, commit=True):
        lead = super().save(commit=commit)
        organisation = lead.organisation
        delegated = self.cleaned_data["remissvar_delegated"]
        if commit and organisation.remissvar_delegated != delegated:
            organisation.remissvar_delegated = delegated
            organisation.save(update_fields=["remissvar_delegated"])
        return lead

    def clean(self):
        data = super().clean()
        keys = self.Meta.fields
        if all(data.get(k) is not None for k in keys):
            total = LeadTimeValues(**{k: data[k] for k in keys}).total_days
            if total > MAX_TOTAL_LEAD_DAYS:
                raise ValidationError(
                    _("Med de här ledtiderna tar kedjan från utkast klart till justering "
                      "%(n)s dagar. Högst %(max)s dagar går, annars hinner inget svar till "
                      "något sammanträde."),
                    code="impossible", params={"n": total, "max": MAX_TOTAL_LEAD_DAYS})
        return data


class ImportForm(NoSuffixMixin, forms.Form):
    file = forms.FileField(label=_("Fil med sammanträdesdatum (ICS eller CSV)"),
                           help_text=_("ICS från kalendern, eller CSV med kolumnerna datum; "
                                       "tid; plats (till exempel 2026-09-22;16:00;Stadshuset)."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed=(TEXT,))
        upload.seek(0)
        try:
            self.meetings = parse_file(upload.name, upload.read())
        except ImportError_ as error:
            raise ValidationError(error.errors, code="bad_file") from error
        return upload


def statements_from_text(kind: str, text: str) -> list[Statement]:
    """One statement per line: "Anna Andersson (S): motivering", or just the name (jäv)."""
    statements = []
    for line in clean_control_chars(text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        member, _sep, rest = line.partition(":") if kind != StatementKind.JAV else (line, "", "")
        statements.append(Statement(kind=kind, member=member.strip()[:200], text=rest.strip()))
    return statements


def statements_as_text(arende, kind: str) -> str:
    return "\n".join(f"{s.member}: {s.text}" if s.text else s.member
                     for s in arende.statements.all() if s.kind == kind)


STATEMENT_FIELDS = (
    ("reservationer", StatementKind.RESERVATION,
     _("Reservationer (en per rad: Namn (parti): motivering)")),
    ("sarskilda_yttranden", StatementKind.SARSKILT_YTTRANDE,
     _("Särskilda yttranden (en per rad: Namn (parti): text)")),
    ("jav", StatementKind.JAV, _("Jäv (en ledamot per rad)")),
)


def _statement_field(label):
    return forms.CharField(label=label, required=False, max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 2}))


def _date_error(error: RecordingError, code: str) -> ValidationError:
    return ValidationError(error.message, code=code)


class JusteringForm(NoSuffixMixin, forms.Form):
    justerare = forms.CharField(label=_("Justerare"), max_length=300)
    justerad_date = forms.DateField(label=_("Justeringsdatum"), widget=DateInput())

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_justerad_date(self):
        day: datetime.date = self.cleaned_data["justerad_date"]
        latest = max((a.decision_date for a in self.meeting.arenden.all()),
                     default=self.meeting.date)
        try:
            check_justering_date(latest, day)
        except RecordingError as error:
            raise _date_error(error, "before_decision" if day < latest else "future") \
                from error
        return day


NOT_HANDLED = ""


class RecordMeetingForm(NoSuffixMixin, forms.Form):
    """The decisions on several answers at once: one group of fields per agenda row.

    Field names are prefixed by the utlåtande's id (u12-paragraph ...). A row left as
    "Ej behandlat" is not recorded.
    """

    decision_date = forms.DateField(
        label=_("Beslutsdatum"), widget=DateInput(), required=False,
        help_text=_("Sammanträdets datum, eller den dag ett ajournerat sammanträde "
                    "fortsatte."))
    justerare = forms.CharField(
        label=_("Justerare (för paragrafer som justeras omedelbart)"), max_length=300,
        required=False)

    def __init__(self, *args, meeting, rows, taken_paragraphs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["decision_date"].initial = meeting.date
        self.rows = rows
        self.taken = {p.strip() for p in taken_paragraphs}
        self.groups = []
        for row in rows:
            u = row.utlatande
            prefix = f"u{u.pk}"
            immediate = bool(row.plan and row.plan.plan.immediate_justering) or \
                proposes_omedelbar_justering(u)
            self.fields[f"{prefix}-outcome"] = forms.ChoiceField(
                label=_("Beslut"), required=False,
                choices=[(NOT_HANDLED, _("Ej behandlat")), *Outcome.choices])
            self.fields[f"{prefix}-paragraph"] = forms.CharField(
                label=_("Paragraf (§)"), max_length=20, required=False)
            self.fields[f"{prefix}-decision_text"] = forms.CharField(
                label=_("Nämndens beslutstext (vid ändrat beslut eller avslag)"),
                required=False, widget=forms.Textarea(attrs={"rows": 4}),
                initial=proposal_text(u))
            self.fields[f"{prefix}-omedelbar"] = forms.BooleanField(
                label=_("Justeras omedelbart"), required=False, initial=immediate)
            for name, _kind, label in STATEMENT_FIELDS:
                self.fields[f"{prefix}-{name}"] = _statement_field(label)
            self.groups.append((row, [self[f"{prefix}-{name}"] for name in
                                      ("outcome", "paragraph", "decision_text", "omedelbar")],
                                [self[f"{prefix}-{name}"] for name, *_rest in
                                 STATEMENT_FIELDS]))

    def clean_decision_date(self):
        day = self.cleaned_data["decision_date"] or self.meeting.date
        try:
            check_decision_date(self.meeting, day)
        except RecordingError as error:
            raise _date_error(error, "before_meeting" if day < self.meeting.date
                              else "future") from error
        return day

    def clean(self):
        data = super().clean()
        items, used = [], {}
        for row in self.rows:
            prefix = f"u{row.utlatande.pk}"
            outcome = data.get(f"{prefix}-outcome") or NOT_HANDLED
            paragraph = (data.get(f"{prefix}-paragraph") or "").strip()
            # Browsers post a textarea's lines with CRLF; the proposal is stored with LF.
            text = clean_control_chars(data.get(f"{prefix}-decision_text") or "").replace(
                "\r\n", "\n").strip()
            immediate = bool(data.get(f"{prefix}-omedelbar"))
            if outcome == NOT_HANDLED:
                if paragraph:
                    self.add_error(f"{prefix}-outcome",
                                   _("Välj vad nämnden beslutade i ärendet."))
                continue
            if not paragraph:
                self.add_error(f"{prefix}-paragraph", _("Ange paragrafnumret (§)."))
                continue
            if paragraph in self.taken or paragraph in used:
                self.add_error(f"{prefix}-paragraph",
                               _("§ %(p)s används redan vid sammanträdet.") % {"p": paragraph})
                continue
            used[paragraph] = prefix
            if outcome == Outcome.ANDRAT and (not text or text == proposal_text(row.utlatande)):
                self.add_error(f"{prefix}-decision_text",
                               _("Skriv beslutet så som nämnden fattade det."))
                continue
            if outcome == Outcome.ENLIGT_FORSLAG and not immediate and \
                    proposes_omedelbar_justering(row.utlatande):
                # The decision text would say "justeras omedelbart" of an unjusterad §.
                self.add_error(f"{prefix}-omedelbar", _(
                    "Förslaget till beslut säger att ärendet justeras omedelbart. Kryssa i "
                    "”Justeras omedelbart”, eller välj ”Ändrat beslut” och skriv nämndens "
                    "beslut."))
                continue
            if immediate and outcome not in DECIDED_OUTCOMES:
                # Återremiss and bordläggning are not decisions to send on: nothing to hurry.
                immediate = False
            statements = []
            for name, kind, _label in STATEMENT_FIELDS:
                statements += statements_from_text(kind, data.get(f"{prefix}-{name}", ""))
            items.append(ItemDecision(utlatande=row.utlatande, paragraph=paragraph,
                                      outcome=outcome, decision_text=text,
                                      omedelbar_justering=immediate, statements=statements))
        if any(i.omedelbar_justering for i in items) and not data.get("justerare", "").strip():
            self.add_error("justerare", _("Ange justerare för paragrafer som justeras "
                                          "omedelbart."))
        if not items and not self.errors:
            raise ValidationError(_("Inget ärende är ifyllt. Välj beslut och paragraf för "
                                    "minst ett ärende."), code="empty")
        self.items = items
        return data


class ArendeCorrectionForm(NoSuffixMixin, forms.Form):
    """A nämndsekreterare corrects a paragraph before justering; the reason is logged."""

    paragraph = forms.CharField(label=_("Paragraf (§)"), max_length=20)
    decision_date = forms.DateField(label=_("Beslutsdatum"), widget=DateInput())
    decision_text = forms.CharField(
        label=_("Nämndens beslutstext"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}))
    reservationer = _statement_field(STATEMENT_FIELDS[0][2])
    sarskilda_yttranden = _statement_field(STATEMENT_FIELDS[1][2])
    jav = _statement_field(STATEMENT_FIELDS[2][2])
    reason = forms.CharField(label=_("Varför rättas uppgifterna?"), max_length=100)

    def __init__(self, *args, arende, **kwargs):
        kwargs.setdefault("initial", {
            "paragraph": arende.paragraph, "decision_date": arende.decision_date,
            "decision_text": arende.decision_text,
            **{name: statements_as_text(arende, kind) for name, kind, _l in STATEMENT_FIELDS},
        })
        super().__init__(*args, **kwargs)
        self.arende = arende
        if arende.outcome == Outcome.ENLIGT_FORSLAG:
            # The text is the förvaltning's proposal; to change it, the outcome was wrong.
            del self.fields["decision_text"]

    def statements(self) -> list[Statement]:
        result = []
        for name, kind, _label in STATEMENT_FIELDS:
            result += statements_from_text(kind, self.cleaned_data.get(name, ""))
        return result
