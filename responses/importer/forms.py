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
