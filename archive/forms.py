from django import forms
from django.utils.translation import gettext_lazy as _

from .verification import read_pdf_upload


class VerifyUploadForm(forms.Form):
    file = forms.FileField(label=_("PDF-fil att verifiera"))

    def clean_file(self):
        return read_pdf_upload(self.cleaned_data["file"])


class EarkivRemissForm(forms.Form):
    ks_dnr = forms.CharField(label=_("Diarienummer (KS)"), max_length=40)


class EarkivYearForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
