"""The government's advice on answering a remiss, as warnings (never blockers).

After Regeringskansliet's "Svara på remiss": a summary first, an explicit stance, the
remiss's diarienummer in the title, references to the sections of the remitted text,
the bilagor listed.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .content import SectionKind
from .diff import html_to_text

# "avsnitt 3.2", "kapitel 4", "sidan 12", "s. 7", "punkt 2"
_REFERENCE = re.compile(r"\b(avsnitt|kapitel|kap\.|sidan|sid\.|s\.|punkt|stycke)\s*\d",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Point:
    key: str
    label: str
    ok: bool
    advice: str


def check(utlatande) -> list[Point]:
    sections = utlatande.sections or []
    texts = [html_to_text(s.get("html", "")) for s in sections]
    first_with_text = next((s for s, t in zip(sections, texts, strict=True) if t), None)
    remiss_dnrs = [r.remiss.ks_dnr for r in utlatande.recipients.select_related("remiss")]
    bilagor = utlatande.bilagor.count() if utlatande.pk else 0
    return [
        Point("sammanfattning", _("Sammanfattning först"),
              bool(first_with_text and first_with_text["kind"] == SectionKind.SAMMANFATTNING),
              _("Börja med en kort sammanfattning av förvaltningens synpunkter.")),
        Point("stance", _("Tydligt ställningstagande"), bool(utlatande.stance),
              _("Välj om förvaltningen tillstyrker, tillstyrker med synpunkter, avstyrker "
                "eller avstår.")),
        Point("dnr", _("Remissens diarienummer i rubriken"),
              bool(remiss_dnrs) and all(d in utlatande.title for d in remiss_dnrs),
              _("Skriv kommunstyrelsens diarienummer i rubriken, t.ex. (KS 2021/866).")),
        Point("references", _("Hänvisningar till remissens avsnitt"),
              any(_REFERENCE.search(t) for t in texts),
              _("Hänvisa till avsnitt eller sidor i det remitterade förslaget så att "
                "synpunkterna går att följa.")),
        Point("bilagor", _("Bilagor listade"), bilagor > 0,
              _("Lista bilagorna, minst remissen själv.")),
    ]
