"""The editor as one plain form: works without JavaScript, enhanced by static/js/drafting.js.

Ordered lists (decision points, signatories, handläggare) are textareas with one item a
line; each section is a heading field plus an HTML textarea (a contenteditable with a
toolbar when JavaScript runs). The section order is a hidden list of keys.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .content import MAX_SECTIONS, SectionKind, new_section
from .models import Stance


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _pairs(text: str, second: str) -> list[dict]:
    """'Namn, Titel' lines → [{"name": ..., second: ...}]."""
    result = []
    for line in _lines(text):
        name, _sep, rest = line.partition(",")
        result.append({"name": name.strip(), second: rest.strip()})
    return result


def _unpairs(items: list[dict], second: str) -> str:
    return "\n".join(", ".join(p for p in (i.get("name", ""), i.get(second, "")) if p)
                     for i in items)


class UtlatandeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    section_keys = forms.CharField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Rubrik"), max_length=400)
    date = forms.DateField(label=_("Datum"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}))
    own_dnr = forms.CharField(label=_("Eget diarienummer"), max_length=60, required=False)
    avdelning = forms.CharField(label=_("Avdelning"), max_length=200, required=False)
    till = forms.CharField(label=_("Till"), max_length=200, required=False)
    handlaggare = forms.CharField(
        label=_("Handläggare"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("En handläggare per rad: Namn, telefon."))
    stance = forms.ChoiceField(
        label=_("Ställningstagande"), required=False, widget=forms.RadioSelect,
        choices=[("", _("Inte valt ännu")), *Stance.choices])
    decision_points = forms.CharField(
        label=_("Förvaltningens förslag till beslut"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En beslutspunkt per rad, i ordning."))
    signatories = forms.CharField(
        label=_("Undertecknare"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("En per rad: Namn, titel. Granskaren läggs till när hen godkänner."))

    def __init__(self, *args, sections: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        if self.is_bound:
            keys = [k for k in self.data.get("section_keys", "").split(",") if k]
            known = {s["key"]: s for s in sections}
            # Keys are only those the document has, plus any the browser added.
            order = [k for k in keys if k.isalnum() and len(k) <= 40] or list(known)
            # Not a field per key of a hostile list: the limit is checked in clean().
            self.posted_section_count = len(dict.fromkeys(order))
            self.section_order = list(dict.fromkeys(order))[:MAX_SECTIONS + 1]
        else:
            self.section_order = [s["key"] for s in sections]
        by_key = {s["key"]: s for s in sections}
        for key in self.section_order:
            section = by_key.get(key, {"heading": "", "html": ""})
            self.fields[f"heading_{key}"] = forms.CharField(
                label=_("Rubrik för avsnittet"), max_length=200, required=False,
                initial=section["heading"])
            self.fields[f"html_{key}"] = forms.CharField(
                label=section["heading"] or _("Text"), required=False, initial=section["html"],
                widget=forms.Textarea(attrs={"rows": 8, "class": "section-html"}))
            self.fields[f"remove_{key}"] = forms.BooleanField(
                label=_("Ta bort avsnittet"), required=False)
            # Offered on the conflict page: keep the stored version's text of this section.
            self.fields[f"saved_{key}"] = forms.BooleanField(
                label=_("Använd den sparade versionens text"), required=False)

    def clean(self):
        data = super().clean()
        if getattr(self, "posted_section_count", 0) > MAX_SECTIONS:
            raise forms.ValidationError(
                _("Ett tjänsteutlåtande kan ha högst %(max)s avsnitt; det här har %(n)s. Slå "
                  "ihop eller ta bort avsnitt."), code="too_many_sections",
                params={"max": MAX_SECTIONS, "n": self.posted_section_count})
        return data

    @classmethod
    def initial_for(cls, utlatande) -> dict:
        return {
            "version": utlatande.version, "title": utlatande.title, "date": utlatande.date,
            "own_dnr": utlatande.own_dnr, "avdelning": utlatande.avdelning,
            "till": utlatande.till, "stance": utlatande.stance,
            "handlaggare": _unpairs(utlatande.handlaggare, "telefon"),
            "decision_points": "\n".join(utlatande.decision_points),
            "signatories": _unpairs(utlatande.signatories, "title"),
            "section_keys": ",".join(s["key"] for s in utlatande.sections),
        }

    def section_rows(self):
        """(key, heading field, html field, remove field) in order, for the template."""
        return [(key, self[f"heading_{key}"], self[f"html_{key}"], self[f"remove_{key}"])
                for key in self.section_order]

    def merge_rows(self, changed_keys) -> list[tuple]:
        """section_rows plus, for sections both versions changed, the "use saved" box."""
        return [(key, heading, html, remove,
                 self[f"saved_{key}"] if key in changed_keys else None)
                for key, heading, html, remove in self.section_rows()]

    def changes(self, add_section: bool = False) -> dict:
        """The cleaned form as model field values (sections as bound: the stored ones)."""
        data = self.cleaned_data
        by_key = {s["key"]: s for s in self.sections}
        sections = []
        for key in self.section_order:
            if data.get(f"remove_{key}"):
                continue
            old = by_key.get(key, {"kind": SectionKind.EXTRA})
            if data.get(f"saved_{key}") and key in by_key:
                sections.append({field: old[field] for field in ("key", "kind", "heading",
                                                                  "html")})
                continue
            sections.append({"key": key, "kind": old["kind"],
                             "heading": data.get(f"heading_{key}", ""),
                             "html": data.get(f"html_{key}", "")})
        if add_section:
            sections.append(new_section(SectionKind.EXTRA, str(_("Nytt avsnitt"))))
        return {
            "title": data["title"].strip(), "date": data["date"], "own_dnr": data["own_dnr"],
            "avdelning": data["avdelning"], "till": data["till"], "stance": data["stance"],
            "handlaggare": [{"name": h["name"], "telefon": h["telefon"]}
                            for h in _pairs(data["handlaggare"], "telefon")],
            "decision_points": _lines(data["decision_points"]),
            "signatories": _pairs(data["signatories"], "title"),
            "sections": sections,
        }


class TransitionForm(forms.Form):
    """The data a workflow step may carry here: a comment. The nämnd's steps (besluta,
    återremittera, justera) carry a paragraph and are taken at the sammanträde."""

    comment = forms.CharField(label=_("Kommentar"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class BilagaForm(forms.Form):
    """Upload of a bilaga; the content is checked by remiss.uploads.validate_upload."""

    title = forms.CharField(label=_("Bilagans titel"), max_length=400)
    file = forms.FileField(label=_("Fil (PDF, DOCX, XLSX, ODT, PNG eller JPEG)"))

    def clean_file(self):
        from remiss.uploads import validate_upload

        upload = self.cleaned_data["file"]
        self.content_type = validate_upload(upload)
        return upload


class ReviewCommentForm(forms.Form):
    section_key = forms.ChoiceField(label=_("Avsnitt"), required=False)
    text = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=5000)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section_key"].choices = [("", _("Hela dokumentet"))] + [
            (s["key"], s["heading"]) for s in sections]


class ResponseTemplateForm(forms.Form):
    """The organisation's standard text: decision points and the sections new answers get."""

    EXTRA_ROWS = 2

    decision_points = forms.CharField(
        label=_("Förslag till beslut"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En beslutspunkt per rad, i ordning."))

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        rows = list(sections) + [{"kind": SectionKind.EXTRA, "heading": "", "html": ""}] * (
            self.EXTRA_ROWS)
        self.row_count = len(rows)
        for i, section in enumerate(rows):
            self.fields[f"kind_{i}"] = forms.ChoiceField(
                label=_("Typ av avsnitt %(n)s") % {"n": i + 1}, choices=SectionKind.choices,
                initial=section["kind"])
            self.fields[f"heading_{i}"] = forms.CharField(
                label=_("Rubrik %(n)s") % {"n": i + 1}, max_length=200, required=False,
                initial=section["heading"], help_text=_("Tom rubrik tar bort avsnittet."))
            self.fields[f"html_{i}"] = forms.CharField(
                label=_("Standardtext %(n)s") % {"n": i + 1}, required=False,
                initial=section["html"], widget=forms.Textarea(attrs={"rows": 3}))

    def rows(self):
        return [(self[f"kind_{i}"], self[f"heading_{i}"], self[f"html_{i}"])
                for i in range(self.row_count)]

    def values(self) -> tuple[list[str], list[dict]]:
        from .sanitize import clean_html

        data = self.cleaned_data
        sections = [{"key": f"mall{i}", "kind": data[f"kind_{i}"],
                     "heading": data[f"heading_{i}"].strip(),
                     "html": clean_html(data[f"html_{i}"])}
                    for i in range(self.row_count) if data[f"heading_{i}"].strip()]
        return _lines(data["decision_points"]), sections
