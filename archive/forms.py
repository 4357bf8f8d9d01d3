from django import forms
from django.utils.translation import gettext_lazy as _

MAX_VERIFY_BYTES = 50 * 1024 * 1024


class VerifyUploadForm(forms.Form):
    file = forms.FileField(label=_("PDF-fil att verifiera"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_VERIFY_BYTES:
            raise forms.ValidationError(_("Filen är större än 50 MB."), code="too_large")
        data = upload.read()
        if not data.startswith(b"%PDF-"):
            raise forms.ValidationError(_("Filen är inte en PDF."), code="not_pdf")
        return data


class EarkivRemissForm(forms.Form):
    ks_dnr = forms.CharField(label=_("Diarienummer (KS)"), max_length=40)


class EarkivYearForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
