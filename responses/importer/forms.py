"""The upload form of the import page: a file, the remiss it answers, whose answer it is."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, OrganisationKind
from programs.selectors import visible_remisser
from responses.models import State

from .service import find_duplicate, parse_file, recipient_for


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Fil"), help_text=_("Text (.txt), Word (.docx) eller PDF."))
    remiss = forms.ModelChoiceField(label=_("Remiss"), queryset=None,
                                    empty_label=_("Välj remiss"))
    organisation = forms.ModelChoiceField(
        label=_("Förvaltning/nämnd som svarade"), queryset=None, empty_label=_("Välj"))
    state = forms.ChoiceField(label=_("Status efter import"), choices=State.choices,
                              initial=State.BESVARAD,
                              help_text=_("Historiska svar är normalt besvarade."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        remisser = visible_remisser(user).order_by("-remiss_date", "ks_dnr")
        organisations = Organisation.objects.exclude(kind=OrganisationKind.KOMMUNSTYRELSE)
        if not user.is_administrator:
            # A nämndsekreterare imports her own nämnd's answers only.
            remisser = remisser.filter(recipients__organisation=user.organisation_id)
            organisations = organisations.filter(pk=user.organisation_id)
            self.fields["organisation"].initial = user.organisation_id
            self.fields["organisation"].empty_label = None
        self.fields["remiss"].queryset = remisser.distinct()
        self.fields["remiss"].label_from_instance = lambda r: f"{r.ks_dnr} – {r.title}"
        self.fields["organisation"].queryset = organisations
        self.result = None
        self.data_bytes = b""

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            self.data_bytes = upload.read()
            try:
                self.result = parse_file(self.data_bytes, upload.name)
            except ValidationError as error:
                self.add_error("file", error)
        remiss, organisation = cleaned.get("remiss"), cleaned.get("organisation")
        if remiss and organisation and self.result and not find_duplicate(self.result.sha256):
            try:
                recipient_for(remiss, organisation)
            except ValidationError as error:
                self.add_error("remiss", error)
        return cleaned


# Confidence (0–1, model.CONFIDENCE_FIELDS) → what the preview says about a field.
CONFIDENCE_LEVELS = [
    (0.9, "sakert", _("Säkert")),
    (0.7, "troligt", _("Troligt")),
    (0.01, "osakert", _("Osäkert – kontrollera")),
    (0.0, "saknas", _("Saknas – fyll i om du kan")),
]


def confidence_level(value: float) -> tuple[str, str]:
    """(css key, Swedish label) of a confidence."""
    for minimum, key, label in CONFIDENCE_LEVELS:
        if value >= minimum:
            return key, label
    return CONFIDENCE_LEVELS[-1][1:]  # pragma: no cover - 0.0 matches the last level


class CorrectionForm(forms.Form):
    """The fields the importer read, prefilled, for the nämndsekreterare to correct before
    saving. Lists are one item a line; a person is "namn, telefon" or "namn, titel"."""

    title = forms.CharField(label=_("Rubrik"), max_length=400, required=False)
    own_dnr = forms.CharField(label=_("Förvaltningens diarienummer"), max_length=60,
                              required=False)
    date = forms.DateField(label=_("Datum"), required=False, input_formats=["%Y-%m-%d"],
                           help_text=_("ÅÅÅÅ-MM-DD"),
                           error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")})
    till = forms.CharField(label=_("Till"), max_length=200, required=False)
    handlaggare = forms.CharField(
        label=_("Handläggare"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("En per rad: namn, telefon."))
    decision_points = forms.CharField(
        label=_("Förslag till beslut"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}), help_text=_("En beslutspunkt per rad."))
    signatories = forms.CharField(
        label=_("Undertecknare"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("En per rad: namn, titel."))

    def __init__(self, *args, parsed, **kwargs):
        kwargs.setdefault("prefix", "rattelse")
        super().__init__(*args, initial=self.initial_from(parsed), **kwargs)
        self.confidence = parsed.confidence
        for name, field in self.fields.items():  # the confidence is read with the field
            field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_confidence"

    @staticmethod
    def initial_from(parsed) -> dict:
        def person(name, extra):
            return f"{name}, {extra}" if extra else name

        return {
            "title": parsed.title or "", "own_dnr": parsed.own_dnr or "",
            "date": parsed.date.isoformat() if parsed.date else "", "till": parsed.till or "",
            "handlaggare": "\n".join(person(p["name"], p.get("telefon"))
                                     for p in parsed.handlaggare),
            "decision_points": "\n".join(parsed.decision_points),
            "signatories": "\n".join(person(s["name"], s.get("title"))
                                     for s in parsed.signatories),
        }

    def rows(self):
        """(bound field, confidence key, confidence label) in form order."""
        for bound in self:
            key, label = confidence_level(self.confidence.get(bound.name, 0.0))
            yield bound, key, label

    def corrections(self) -> dict:
        """The fields the user changed, as the parser would have given them."""
        out = {}
        for name in self.changed_data:
            if self.add_prefix(name) not in self.data:
                continue  # not sent at all: nothing to correct
            value = self.cleaned_data[name]
            if name in ("handlaggare", "signatories"):
                key = "telefon" if name == "handlaggare" else "title"
                people = []
                for line in value.splitlines():
                    person, _sep, extra = line.partition(",")
                    if person.strip():
                        people.append({"name": person.strip(), key: extra.strip() or None})
                out[name] = people
            elif name == "decision_points":
                out[name] = [line.strip() for line in value.splitlines() if line.strip()]
            elif name == "date":
                out[name] = value
            else:
                out[name] = value.strip() or None
        return out
