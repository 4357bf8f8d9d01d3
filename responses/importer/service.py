"""Placeholder until the structured importer lands: stores the seed text as one section."""

import html

from responses.content import SectionKind, new_section
from responses.models import State, Utlatande, UtlatandeRecipient


def import_seed_answer(path, recipient):
    text = path.read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n")
                         if p.strip())
    utlatande = Utlatande.objects.create(
        organisation=recipient.organisation, title=recipient.remiss.title, imported=True,
        state=State.BESVARAD, sections=[new_section(SectionKind.EXTRA, "Text", paragraphs)])
    UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=recipient)
    return utlatande
