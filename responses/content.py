"""The structured content of a tjänsteutlåtande: the section kinds and their shape.

Sections, decision points and signatories are stored as JSON lists on the
Utlatande row, so that one save is one history record of the whole document
(versions, diffs and restore work on whole documents) and optimistic locking
guards a single row.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class SectionKind(models.TextChoices):
    SAMMANFATTNING = "sammanfattning", _("Sammanfattning")
    BAKGRUND = "bakgrund", _("Bakgrund")
    ARENDET = "arendet", _("Ärendet")
    BEREDNING = "beredning", _("Ärendets beredning")
    SYNPUNKTER = "synpunkter", _("Förvaltningens synpunkter")
    FORSLAG = "forslag", _("Förvaltningens förslag")
    UNDERLAG = "underlag", _("Underlag för beslut")
    EXTRA = "extra", _("Övrigt avsnitt")


# The sections a new answer starts with, in the order of a Stockholm tjänsteutlåtande.
STANDARD_SECTIONS = [
    (SectionKind.SAMMANFATTNING, "Sammanfattning"),
    (SectionKind.ARENDET, "Ärendet"),
    (SectionKind.BEREDNING, "Ärendets beredning"),
    (SectionKind.SYNPUNKTER, "Förvaltningens synpunkter"),
]

STANDARD_DECISION_POINTS = [
    "Nämnden godkänner förvaltningens tjänsteutlåtande och överlämnar det till "
    "kommunstyrelsen som svar på remissen.",
    "Ärendet justeras omedelbart.",
]


def new_section(kind: str, heading: str, html: str = "") -> dict:
    """A section dict with a stable key that review comments can anchor to."""
    return {"key": uuid.uuid4().hex[:12], "kind": kind, "heading": heading, "html": html}


# Limits that keep every save, PDF and comparison quick, generous for real documents (the
# longest tjänsteutlåtande we know is about 25 000 characters; a real one has 4-12
# sections). The editor form has 4 fields per section, so MAX_SECTIONS also keeps every
# save far below DATA_UPLOAD_MAX_NUMBER_FIELDS: a stored document can always be saved again.
MAX_SECTIONS = 60
MAX_SECTION_CHARS = 50_000
MAX_DOCUMENT_CHARS = 100_000


def validate_sections(value) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Avsnitten måste vara en lista."), code="invalid_sections")
    if len(value) > MAX_SECTIONS:
        raise ValidationError(
            _("Ett tjänsteutlåtande kan ha högst %(max)s avsnitt; det här har %(n)s. Slå ihop "
              "eller ta bort avsnitt."), code="too_many_sections",
            params={"max": MAX_SECTIONS, "n": len(value)})
    kinds = set(SectionKind.values)
    total = 0
    for item in value:
        if not isinstance(item, dict) or not {"key", "kind", "heading", "html"} <= item.keys():
            raise ValidationError(_("Ett avsnitt saknar rubrik eller text."),
                                  code="invalid_sections")
        if item["kind"] not in kinds:
            raise ValidationError(_("Okänd avsnittstyp ”%(kind)s”."), code="invalid_sections",
                                  params={"kind": item["kind"]})
        size = len(str(item["html"])) + len(str(item["heading"]))
        if size > MAX_SECTION_CHARS:
            raise ValidationError(
                _("Avsnittet ”%(heading)s” är för långt: %(n)s tecken, högst %(max)s. Dela "
                  "upp texten eller lägg långa underlag som bilaga."), code="section_too_long",
                params={"heading": str(item["heading"])[:80], "n": size,
                        "max": MAX_SECTION_CHARS})
        total += size
    if total > MAX_DOCUMENT_CHARS:
        raise ValidationError(
            _("Tjänsteutlåtandet är för långt: %(n)s tecken, högst %(max)s. Lägg långa "
              "underlag som bilaga."), code="document_too_long",
            params={"n": total, "max": MAX_DOCUMENT_CHARS})


def validate_decision_points(value) -> None:
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise ValidationError(_("Beslutspunkterna måste vara en lista med text."),
                              code="invalid_decision_points")


def validate_signatories(value) -> None:
    if not isinstance(value, list) or not all(
        isinstance(s, dict) and isinstance(s.get("name"), str) for s in value
    ):
        raise ValidationError(_("Varje undertecknare behöver ett namn."),
                              code="invalid_signatories")


def validate_handlaggare(value) -> None:
    if not isinstance(value, list) or not all(
        isinstance(h, dict) and isinstance(h.get("name"), str) for h in value
    ):
        raise ValidationError(_("Varje handläggare behöver ett namn."),
                              code="invalid_handlaggare")
