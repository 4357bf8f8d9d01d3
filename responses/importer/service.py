"""Import a tjänsteutlåtande file as a structured Utlatande (one transaction, no duplicates).

Dedupe rule: the original file is kept as the last bilaga, stored under a name that starts
with ``import-<first 16 hex of its SHA-256>-``. Importing a file whose hash is already
stored returns the existing answer instead of creating a second one.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from organisations.models import Organisation
from programs.models import Recipient, Remiss
from programs.services import recipient_mark_answered
from responses.content import SectionKind, new_section
from responses.models import Bilaga, Stance, State, TransitionRecord, Utlatande, UtlatandeRecipient
from responses.sanitize import clean_html

from . import headings as h
from .parser import ParsedUtlatande, parse_text
from .readers import read_document

# Historical answers are finished documents: they land as besvarad unless told otherwise.
DEFAULT_STATE = State.BESVARAD


@dataclass
class ImportResult:
    parsed: ParsedUtlatande
    content_type: str
    sha256: str
    filename: str
    utlatande: Utlatande | None = None
    duplicate: bool = False
    notes: list = field(default_factory=list)  # [(kind, message)] added by the service
    corrected: list = field(default_factory=list)  # fields the user corrected before saving

    @property
    def report(self) -> list[tuple[str, str]]:
        return self.parsed.report + self.notes

    def to_json(self) -> dict:
        return self.parsed.to_json()


def parse_file(data: bytes, filename: str = "") -> ImportResult:
    """Read and parse a file; nothing is saved. Raises ValidationError on bad input."""
    text, content_type = read_document(data, filename)
    return ImportResult(parsed=parse_text(text), content_type=content_type,
                        sha256=hashlib.sha256(data).hexdigest(), filename=filename)


def find_remiss(dnr: str) -> Remiss:
    """The remiss with this KS dnr, written in any of the accepted forms."""
    value = " ".join((dnr or "").split())
    remiss = Remiss.objects.filter(ks_dnr__iexact=value).first()
    if remiss is None and value:
        core = h.dnr_core(value)
        matches = [r for r in Remiss.objects.filter(ks_dnr__contains=core)
                   if h.dnr_core(r.ks_dnr) == core]
        remiss = matches[0] if len(matches) == 1 else None
    if remiss is None:
        raise ValidationError(_("Det finns ingen remiss med diarienummer ”%(dnr)s”.")
                              % {"dnr": dnr}, code="unknown_remiss")
    return remiss


def find_organisation(name: str) -> Organisation:
    value = " ".join((name or "").split())
    org = Organisation.objects.filter(
        Q(name__iexact=value) | Q(short__iexact=value) | Q(forvaltning__iexact=value)).first()
    if org is None:
        raise ValidationError(_("Det finns ingen organisation som heter ”%(name)s”.")
                              % {"name": name}, code="unknown_organisation")
    return org


def _hash_prefix(sha256: str) -> str:
    return f"import-{sha256[:16]}-"


def find_duplicate(sha256: str) -> Utlatande | None:
    bilaga = Bilaga.objects.filter(file__contains=_hash_prefix(sha256)).select_related(
        "utlatande").first()
    return bilaga.utlatande if bilaga else None


def recipient_for(remiss: Remiss, organisation: Organisation) -> Recipient:
    recipient = Recipient.objects.filter(remiss=remiss, organisation=organisation).first()
    if recipient is None:
        raise ValidationError(
            _("%(org)s är inte remissinstans för remissen %(dnr)s.")
            % {"org": organisation.name, "dnr": remiss.ks_dnr}, code="not_recipient")
    return recipient


def _sections(parsed: ParsedUtlatande) -> list[dict]:
    """Parsed sections as stored sections. Decision points and bilagor have fields of
    their own; free text next to the decision points stays as a section of its own."""
    result = []
    for section in parsed.sections:
        if section.kind == h.BILAGOR:
            continue
        if section.kind == h.BESLUT:
            free = [p for p in section.parts if p[0] != "ol"]
            if not free:
                continue
            kind, html = SectionKind.EXTRA, "".join(f"<p>{_esc(v)}</p>" for _k, v in free)
        else:
            kind, html = section.kind, section.html
        result.append(new_section(kind, section.heading[:200], clean_html(html)))
    return result


def _esc(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


def _owner(parsed: ParsedUtlatande, organisation: Organisation):
    """The first handläggare who is a user of the organisation, by full name."""
    from organisations.models import User

    for person in parsed.handlaggare:
        parts = person["name"].split()
        if len(parts) >= 2:
            user = User.objects.filter(organisation=organisation, first_name__iexact=parts[0],
                                       last_name__iexact=" ".join(parts[1:])).first()
            if user is not None:
                return user
    return None


def _signatory_organisation(person: dict, organisation: Organisation) -> str:
    """The short code of a signatory's förvaltning: a joint answer names it under the title
    ("Eva Sundberg / Stadsarkivarie / Stadsarkivet"); otherwise the importing one's."""
    name = person.get("organisation") or ""
    if name:
        other = Organisation.objects.filter(Q(forvaltning__iexact=name) |
                                            Q(name__iexact=name)).first()
        if other is not None:
            return other.short
    return organisation.short


def guess_stance(parsed: ParsedUtlatande) -> str:
    """The stance in prose ("ställer sig positiv", "avstyrker"), or "" when unclear."""
    text = " ".join(s.text for s in parsed.sections).lower()
    if re.search(r"\bavstår\b.{0,40}yttra", text):
        return Stance.AVSTAR
    if re.search(r"\bavstyrker\b|ställer sig negativ|motsätter sig", text):
        return Stance.AVSTYRKER
    positive = re.search(r"ställer sig (?:positiv|bakom)|tillstyrker|inga invändningar|"
                         r"välkomnar|instämmer", text)
    if not positive:
        return ""
    remarks = re.search(r"\b(?:önskar|dock|bör|saknar|föreslår att|efterfrågar)\b", text)
    return Stance.TILLSTYRKER_MED_SYNPUNKTER if remarks else Stance.TILLSTYRKER


# Field → its name in the history entry, for corrections made on the import page.
CORRECTABLE = {"title": _lazy("Rubrik"), "own_dnr": _lazy("Diarienummer"),
               "date": _lazy("Datum"), "till": _lazy("Till"),
               "handlaggare": _lazy("Handläggare"), "decision_points": _lazy("Förslag till beslut"),
               "signatories": _lazy("Undertecknare")}


def parsed_correct(*, parsed: ParsedUtlatande, corrections: dict) -> list[str]:
    """Apply the user's corrections to what was read; returns the corrected fields' names.

    A corrected field is certain: its confidence becomes 1.0."""
    changed = []
    for name, value in corrections.items():
        if name not in CORRECTABLE:
            continue
        setattr(parsed, name, value)
        parsed.confidence[name] = 1.0
        changed.append(str(CORRECTABLE[name]))
    return changed


def import_utlatande(*, data: bytes, filename: str, remiss: Remiss,
                     organisation: Organisation, by=None, state: str = DEFAULT_STATE,
                     result: ImportResult | None = None,
                     corrections: dict | None = None) -> ImportResult:
    """Create the Utlatande from a file, linked to the organisation's recipient row.

    ``corrections`` ({field: value}) are what the user corrected on the import page."""
    result = result or parse_file(data, filename)
    result.corrected = parsed_correct(parsed=result.parsed, corrections=corrections or {})
    existing = find_duplicate(result.sha256)
    if existing is not None:
        result.utlatande = existing
        result.duplicate = True
        result.notes.append(("recognised", _("Filen är redan importerad; inget nytt "
                                             "tjänsteutlåtande skapades.")))
        return result
    recipient = recipient_for(remiss, organisation)
    if UtlatandeRecipient.objects.filter(recipient=recipient, is_active=True).exists():
        raise ValidationError(
            _("%(org)s har redan ett tjänsteutlåtande för remissen %(dnr)s. Ta bort eller "
              "ersätt det först.") % {"org": organisation.name, "dnr": remiss.ks_dnr},
            code="already_answered")
    parsed = result.parsed
    notes = result.notes
    if parsed.dnr and h.dnr_core(parsed.dnr) != h.dnr_core(remiss.ks_dnr):
        notes.append(("guessed", _("Dokumentets diarienummer %(doc)s skiljer sig från "
                                   "remissens %(remiss)s.") % {"doc": parsed.dnr,
                                                               "remiss": remiss.ks_dnr}))
    title = parsed.title
    if not title:
        title = f"{remiss.title} ({remiss.ks_dnr}). Svar på remiss från kommunstyrelsen"
        notes.append(("guessed", _("Rubriken saknades och bildades av remissens titel.")))
    till = parsed.till or organisation.name
    if not parsed.till:
        notes.append(("guessed", _("”Till” saknades; nämnden antogs vara %(org)s.")
                      % {"org": organisation.name}))
    owner = _owner(parsed, organisation)
    if owner is not None:
        notes.append(("recognised", _("Handläggaren %(name)s finns som användare och blev "
                                      "ansvarig.") % {"name": owner.get_full_name()}))
    stance = guess_stance(parsed)
    if stance:
        notes.append(("guessed", _("Ställningstagandet tolkades som ”%(stance)s”.")
                      % {"stance": Stance(stance).label}))
    saved: list[str] = []  # files written, removed again if the transaction fails
    try:
        with transaction.atomic():
            utlatande = Utlatande.objects.create(
                organisation=organisation, title=title[:400], date=parsed.date,
                own_dnr=(parsed.own_dnr or "")[:60], avdelning=parsed.avdelning[:200],
                till=till[:200],
                handlaggare=[{"name": p["name"], "telefon": p.get("telefon") or ""}
                             for p in parsed.handlaggare if p["name"]],
                decision_points=list(parsed.decision_points),
                signatories=[{"name": s["name"], "title": s.get("title") or "",
                              "organisation": _signatory_organisation(s, organisation)}
                             for s in parsed.signatories],
                sections=_sections(parsed), stance=stance, state=state, imported=True,
                owner=owner,
            )
            UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=recipient)
            _save_bilagor(utlatande, result, data, filename, saved)
            if by is not None:
                TransitionRecord.objects.create(
                    utlatande=utlatande, action="importera", from_state=State.UTKAST,
                    to_state=state, by=by, organisation=by.organisation,
                    comment=_import_comment(result, filename))
            if state == State.BESVARAD and recipient.answered_at is None:
                # A misread future date must not stop the import: the answer exists today.
                today = timezone.localdate()
                answered = min(parsed.date or today, today)
                recipient_mark_answered(recipient=recipient, by=by, at=answered, archived=True)
    except Exception:
        for name in saved:
            default_storage.delete(name)
        raise
    result.utlatande = utlatande
    return result


def _import_comment(result: ImportResult, filename: str) -> str:
    """The history entry keeps what the preview showed: guesses and free text."""
    lines = [_("Importerad från %(name)s.") % {"name": filename}]
    lines += [f"{_('Gissat')}: {m}" for k, m in result.report if k == "guessed"]
    lines += [f"{_('Fritext')}: {m}" for k, m in result.report if k == "free_text"]
    if result.corrected:
        lines.append(_("Rättat före import: %(fields)s.") % {"fields": ", ".join(result.corrected)})
    lines += [f"{_('Saknas')}: {m}" for m in result.parsed.missing]
    return "\n".join(lines)


def _save_bilagor(utlatande, result: ImportResult, data: bytes, filename: str,
                  saved: list[str]) -> None:
    """The listed bilagor (titles only), then the original file as the last bilaga."""
    bilagor = result.parsed.bilagor
    for order, title in enumerate(bilagor, start=1):
        Bilaga.objects.create(utlatande=utlatande, order=order, title=title[:400])
    # Short enough for FileField's 100 characters with the storage's random directory.
    name = get_valid_filename(Path(filename or "original").name)[-40:] or "original"
    original = Bilaga(utlatande=utlatande, order=len(bilagor) + 1,
                      title=_("Originalfil: %(name)s") % {"name": name},
                      content_type=result.content_type, size=len(data))
    original.file.save(_hash_prefix(result.sha256) + name, ContentFile(data), save=False)
    saved.append(original.file.name)
    original.save()


def import_seed_answer(path: Path, recipient: Recipient) -> Utlatande:
    """The demo data: a seed file imported for its recipient (see responses/demo.py)."""
    data = Path(path).read_bytes()
    result = import_utlatande(data=data, filename=Path(path).name, remiss=recipient.remiss,
                              organisation=recipient.organisation)
    return result.utlatande
