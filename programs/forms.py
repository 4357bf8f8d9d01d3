"""Forms of stadsledningskontoret: the remiss, anstånd, closing."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, OrganisationKind
from remiss.uploads import validate_upload

from .dnr import normalize_ks_dnr
from .groups import group_choices, organisations_in_groups
from .models import Remiss, Stance
from .remisstid import validate_remisstid
from .sending import DOCUMENT_TYPES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class OrganisationCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that carry the organisation kind, so quick groups can tick them."""

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        key = getattr(value, "value", value)
        option["attrs"]["data-kind"] = self.kinds.get(key, "")
        return option


class RemissForm(forms.ModelForm):
    recipient_groups = forms.MultipleChoiceField(
        label=_("Snabbval av remissinstanser"), required=False, choices=group_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Väljer alla organisationer i gruppen utöver dem du kryssar i nedan."))
    organisations = forms.ModelMultipleChoiceField(
        label=_("Remissinstanser"), required=False, queryset=Organisation.objects.none())
    documents = MultipleFileField(
        label=_("Remitterade dokument"), required=False,
        help_text=_("PDF, Word, OpenDocument eller Excel. Du kan välja flera filer."))

    class Meta:
        model = Remiss
        fields = ["program", "title", "ks_dnr", "remiss_date", "deadline", "contact_name",
                  "contact_email", "contact_phone", "description"]
        widgets = {
            "remiss_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"ks_dnr": _("Till exempel KS 2021/866 eller KS-dnr 009-1322/2011.")}

    def __init__(self, *args, sent=False, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.exclude(kind=OrganisationKind.KOMMUNSTYRELSE)
        field = self.fields["organisations"]
        field.widget = OrganisationCheckboxes(kinds={o.pk: o.kind for o in orgs})
        field.queryset = orgs  # after the widget: this hands it the choices
        if self.instance.pk:
            self.initial["organisations"] = list(
                self.instance.recipients.values_list("organisation_id", flat=True))
        if not self.instance.pk:
            self.initial.setdefault("remiss_date", timezone.localdate())
        self.sent = sent
        if sent:
            field.help_text = _("Remissen är utskickad: nya remissinstanser får ett eget "
                                "utskick, befintliga kan inte tas bort.")

    def clean_ks_dnr(self):
        return normalize_ks_dnr(self.cleaned_data["ks_dnr"])

    def clean_documents(self):
        """Check every file now, so its error shows together with the other fields'."""
        files = self.cleaned_data.get("documents") or []
        errors = []
        # The acceptable ones are kept by the view when the form fails (kept_uploads).
        self.valid_documents = []
        for upload in files:
            try:
                validate_upload(upload, allowed=DOCUMENT_TYPES)
            except ValidationError as error:
                errors.extend(f"{upload.name}: {message}" for message in error.messages)
            else:
                self.valid_documents.append(upload)
            finally:
                upload.seek(0)
        if errors:
            raise ValidationError(errors, code="bad_document")
        return files

    def clean(self):
        cleaned = super().clean()
        deadline, remiss_date = cleaned.get("deadline"), cleaned.get("remiss_date")
        if deadline and remiss_date and deadline < remiss_date:
            # The model's constraint, said at the field so the error summary links to it.
            self.add_error("deadline", ValidationError(
                _("Remisstiden kan inte vara före remissdatum."), code="before_remiss_date"))
        # An unchanged remisstid of a remiss already out is not judged again.
        elif deadline and (not self.instance.pk or "deadline" in self.changed_data
                           or not self.sent):
            try:
                validate_remisstid(deadline, remiss_date=remiss_date,
                                   sent=bool(self.instance.pk and self.sent))
            except ValidationError as error:
                self.add_error("deadline", error)
        chosen = {o.pk for o in cleaned.get("organisations") or []}
        chosen |= organisations_in_groups(cleaned.get("recipient_groups") or [])
        if self.sent and self.instance.pk:
            existing = set(self.instance.recipients.values_list("organisation_id", flat=True))
            if existing - chosen:
                raise ValidationError(_("Remissinstanser kan inte tas bort när remissen är "
                                        "utskickad."), code="recipient_removed_after_send")
        cleaned["chosen_organisations"] = list(
            self.fields["organisations"].queryset.filter(pk__in=chosen))
        return cleaned


class AnstandRequestForm(forms.Form):
    deadline = forms.DateField(label=_("Ny remisstid"),
                               widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 4}),
                             max_length=4000)


class AnstandDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Beslut"), widget=forms.RadioSelect, choices=[
        ("grant", _("Bevilja")), ("refuse", _("Avslå"))])
    deadline = forms.DateField(label=_("Beviljad remisstid"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}),
                               help_text=_("Lämna tomt för att bevilja den begärda dagen."))
    comment = forms.CharField(label=_("Kommentar"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Krävs när anståndet avslås."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "refuse" and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Motivera varför anståndet inte beviljas."))
        return cleaned


class AnswerReceivedForm(forms.Form):
    """Registrera inkommet: when the answer arrived, its stance, and the document."""

    received = forms.DateField(label=_("Svaret kom in"),
                               widget=forms.DateInput(attrs={"type": "date"},
                                                      format="%Y-%m-%d"))
    stance = forms.ChoiceField(label=_("Ställningstagande"), widget=forms.RadioSelect,
                               choices=Stance.choices)
    document = forms.FileField(label=_("Svarsdokument"), required=False,
                               help_text=_("PDF, Word eller OpenDocument."))
    url = forms.URLField(label=_("Eller länk till svaret"), required=False, max_length=500,
                         assume_scheme="https",
                         help_text=_("Till exempel svaret i diariet."))

    def __init__(self, *args, has_answer_in_remiss=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_answer_in_remiss = has_answer_in_remiss
        self.initial.setdefault("received", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        if (not self.has_answer_in_remiss and not cleaned.get("document")
                and not cleaned.get("url") and "document" not in self.errors
                and "url" not in self.errors):
            self.add_error("document", _("Ladda upp svarsdokumentet eller ange en länk "
                                         "till det."))
        return cleaned


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Varför öppnas remissen igen?"), required=False,
                             max_length=300, widget=forms.TextInput(),
                             help_text=_("Sparas i remissens historik."))


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Skäl att avstå"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Sök i remisser och svar"), max_length=200, required=False,
                        widget=forms.TextInput(attrs={"type": "search"}))
