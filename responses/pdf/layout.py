"""What the tjänsteutlåtande template needs, computed once: header, parties, sections.

The same context feeds the PDF (render.py) and the print preview in the browser, so both
show the same document.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from responses.content import SectionKind
from responses.models import FINAL_STATES, Utlatande
from responses.sanitize import clean_html

from .watermark import watermark


@dataclass
class Party:
    """One answering förvaltning with its own dnr and signatories (two for a joint answer)."""

    forvaltning: str
    namnd: str
    short: str
    dnr: str = ""
    logo_path: str = ""
    logo_src: str = ""
    signatories: list = field(default_factory=list)


def is_draft(utlatande: Utlatande) -> bool:
    """Drafts carry the UTKAST watermark; from klar för nämnd on the document is final."""
    return utlatande.state not in FINAL_STATES


def _parties(utlatande: Utlatande) -> list[Party]:
    org = utlatande.organisation
    parties = {org.short: Party(org.forvaltning, org.name, org.short, utlatande.own_dnr,
                                org.logo.path if org.logo else "")}
    for link in utlatande.links.filter(is_active=True).select_related(
            "recipient__organisation").order_by("pk"):
        other = link.recipient.organisation
        if other.short not in parties:
            parties[other.short] = Party(other.forvaltning, other.name, other.short,
                                         link.recipient.own_dnr,
                                         other.logo.path if other.logo else "")
    first = next(iter(parties.values()))
    for signatory in utlatande.signatories:
        party = parties.get(signatory.get("organisation") or "", first)
        party.signatories.append(signatory)
    return list(parties.values())


def _remiss(utlatande: Utlatande):
    link = utlatande.links.select_related("recipient__remiss").order_by("pk").first()
    return link.recipient.remiss if link else None


def document_context(utlatande: Utlatande, *, logo_src=None) -> dict:
    """The template context of responses/pdf/_document.html.

    ``logo_src(party)`` gives the image address of a party's logo: a file URL for the PDF,
    a web URL for the preview. Without a logo the header shows the city's wordmark.
    """
    parties = _parties(utlatande)
    for party in parties:
        if party.logo_path and logo_src:
            party.logo_src = logo_src(party)
    remiss = _remiss(utlatande)
    sections = []
    for section in utlatande.sections:
        html = clean_html(section.get("html", ""))
        heading = section.get("heading") or SectionKind(section["kind"]).label
        sections.append({"key": section["key"], "kind": section["kind"],
                         "heading": heading, "html": html})
    draft = is_draft(utlatande)
    watermark_text = (_("UTKAST – version %(version)s") % {"version": utlatande.version}
                      if draft else "")
    joint = len(parties) > 1
    dnrs = [p.dnr for p in parties if p.dnr]
    return {
        "utlatande": utlatande,
        "parties": parties,
        "joint": joint,
        "logos": any(p.logo_src for p in parties),
        "remiss": remiss,
        "dnr_line": ", ".join(dnrs),
        "till": utlatande.till or " och ".join(p.namnd for p in parties),
        "sections": sections,
        "bilagor": list(utlatande.bilagor.all()),
        "draft": draft,
        "watermark": watermark_text,
        "watermark_image": watermark(watermark_text, _("Vattenmärke: utkast")) if draft else None,
        "author": " och ".join(p.forvaltning for p in parties),
        "subject": _("Tjänsteutlåtande. Svar på remiss %(dnr)s") % {"dnr": remiss.ks_dnr}
        if remiss else _("Tjänsteutlåtande"),
    }
