"""Forms of the sammanträdesplan: a meeting, the lead times, an import file, a justering."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from remiss.uploads import TEXT, validate_upload

from .importing import ImportError_, parse_file
from .models import DECIDED_OUTCOMES, MAX_TOTAL_LEAD_DAYS, LeadTimes, Outcome, Sammantrade
from .planning import LeadTimeValues
from .services import ItemDecision, proposal_text


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


class JusteringForm(NoSuffixMixin, forms.Form):
    justerare = forms.CharField(label=_("Justerare"), max_length=300)
    justerad_date = forms.DateField(label=_("Justeringsdatum"), widget=DateInput())

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_justerad_date(self):
        day: datetime.date = self.cleaned_data["justerad_date"]
        if day < self.meeting.date:
            raise ValidationError(_("Protokollet kan inte justeras före sammanträdet."),
                                  code="before_meeting")
        if day > timezone.localdate():
            raise ValidationError(_("Justeringsdatumet kan inte ligga i framtiden."),
                                  code="future")
        return day


NOT_HANDLED = ""


class RecordMeetingForm(NoSuffixMixin, forms.Form):
    """The decisions on several answers at once: one group of fields per agenda row.

    Field names are prefixed by the utlåtande's id (u12-paragraph ...). A row left as
    "Ej behandlat" is not recorded.
    """

    justerare = forms.CharField(
        label=_("Justerare (för paragrafer som justeras omedelbart)"), max_length=300,
        required=False)

    def __init__(self, *args, rows, taken_paragraphs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.taken = {p.strip() for p in taken_paragraphs}
        self.groups = []
        for row in rows:
            u = row.utlatande
            prefix = f"u{u.pk}"
            immediate = bool(row.plan and row.plan.plan.immediate_justering) or any(
                "omedelbart" in str(p) for p in (u.decision_points or []))
            self.fields[f"{prefix}-outcome"] = forms.ChoiceField(
                label=_("Beslut"), required=False,
                choices=[(NOT_HANDLED, _("Ej behandlat")), *Outcome.choices])
            self.fields[f"{prefix}-paragraph"] = forms.CharField(
                label=_("Paragraf (§)"), max_length=20, required=False)
            self.fields[f"{prefix}-decision_text"] = forms.CharField(
                label=_("Beslutstext vid ändrat beslut"), required=False,
                widget=forms.Textarea(attrs={"rows": 4}), initial=proposal_text(u))
            self.fields[f"{prefix}-omedelbar"] = forms.BooleanField(
                label=_("Justeras omedelbart"), required=False, initial=immediate)
            self.groups.append((row, [self[f"{prefix}-{name}"] for name in
                                      ("outcome", "paragraph", "decision_text", "omedelbar")]))

    def clean(self):
        data = super().clean()
        items, used = [], {}
        for row in self.rows:
            prefix = f"u{row.utlatande.pk}"
            outcome = data.get(f"{prefix}-outcome") or NOT_HANDLED
            paragraph = (data.get(f"{prefix}-paragraph") or "").strip()
            text = (data.get(f"{prefix}-decision_text") or "").strip()
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
            if outcome == Outcome.ANDRAT and not text:
                self.add_error(f"{prefix}-decision_text",
                               _("Skriv beslutet så som nämnden fattade det."))
                continue
            if immediate and outcome not in DECIDED_OUTCOMES:
                self.add_error(f"{prefix}-omedelbar",
                               _("Bara ett fattat beslut kan justeras omedelbart."))
                continue
            items.append(ItemDecision(utlatande=row.utlatande, paragraph=paragraph,
                                      outcome=outcome, decision_text=text,
                                      omedelbar_justering=immediate))
        if any(i.omedelbar_justering for i in items) and not data.get("justerare", "").strip():
            self.add_error("justerare", _("Ange justerare för paragrafer som justeras "
                                          "omedelbart."))
        if not items and not self.errors:
            raise ValidationError(_("Inget ärende är ifyllt. Välj beslut och paragraf för "
                                    "minst ett ärende."), code="empty")
        self.items = items
        return data
