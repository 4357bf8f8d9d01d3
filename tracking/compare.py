"""Answers side by side: one section kind of every answer, next to what the same
organisation answered to the previous remiss of the same program."""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

from programs.models import Recipient, Remiss
from programs.selectors import visible_remisser
from responses.content import SectionKind
from responses.sanitize import clean_html

from . import matrix


@dataclass
class Answer:
    organisations: list
    row: matrix.Row
    sections: list = field(default_factory=list)
    previous: object = None  # the previous remiss's Utlatande of the same organisation
    previous_sections: list = field(default_factory=list)


def previous_remiss(remiss: Remiss, user) -> Remiss | None:
    if remiss.program_id is None:
        return None
    return (visible_remisser(user).filter(program_id=remiss.program_id,
                                          remiss_date__lt=remiss.remiss_date)
            .order_by("-remiss_date", "-pk").first())


# Imported or free-form sections have kind "extra"; their heading tells what they are
# ("Stadsarkivets synpunkter och förslag").
HEADING_WORDS = {
    SectionKind.SAMMANFATTNING: ("sammanfattning",),
    SectionKind.BAKGRUND: ("bakgrund",),
    SectionKind.ARENDET: ("ärendet",),
    SectionKind.BEREDNING: ("beredning",),
    SectionKind.SYNPUNKTER: ("synpunkt",),
    SectionKind.FORSLAG: ("förslag till beslut",),
    SectionKind.UNDERLAG: ("underlag",),
}


def section_kind(section: dict) -> str:
    kind = section.get("kind", "")
    if kind != SectionKind.EXTRA:
        return kind
    heading = (section.get("heading") or "").lower()
    for candidate, words in HEADING_WORDS.items():
        if any(word in heading for word in words):
            return candidate
    return kind


def _sections(utlatande, kind: str) -> list[dict]:
    return [{"heading": s.get("heading", ""), "html": _safe(s.get("html", ""))}
            for s in (utlatande.sections or []) if section_kind(s) == kind]


def _safe(html: str) -> SafeString:
    # Stored HTML is sanitised on save; cleaning again costs little and guards old rows.
    return mark_safe(clean_html(html))  # noqa: S308


def side_by_side(remiss: Remiss, user, kind: str | None = None) -> dict:
    """kind None: synpunkter when any answer has them, else the first kind present."""
    rows = matrix.build_rows(matrix.recipients_with_answers(remiss), user)
    orgs_by_answer: dict[int, list] = {}
    for row in rows:
        if row.readable:
            orgs_by_answer.setdefault(row.utlatande.pk, []).append(row.organisation)
    previous = previous_remiss(remiss, user)
    previous_by_org = {}
    if previous is not None:
        previous_rows = matrix.build_rows(
            matrix.recipients_with_answers(Recipient.objects.filter(remiss=previous)), user)
        previous_by_org = {r.organisation.pk: r.utlatande for r in previous_rows if r.readable}
    readable_rows, seen = [], set()
    for row in sorted(rows, key=lambda r: r.organisation.name.lower()):
        if row.readable and row.utlatande.pk not in seen:
            seen.add(row.utlatande.pk)
            readable_rows.append(row)
    kinds_present = {section_kind(s) for r in readable_rows
                     for s in (r.utlatande.sections or [])}
    kinds = [(k, label) for k, label in SectionKind.choices if k in kinds_present]
    if kind is None:
        kind = (SectionKind.SYNPUNKTER if SectionKind.SYNPUNKTER in kinds_present or not kinds
                else kinds[0][0])
    answers = []
    for row in readable_rows:
        organisations = orgs_by_answer[row.utlatande.pk]
        earlier = next((previous_by_org[o.pk] for o in organisations
                        if o.pk in previous_by_org), None)
        answers.append(Answer(
            organisations=organisations, row=row, sections=_sections(row.utlatande, kind),
            previous=earlier,
            previous_sections=_sections(earlier, kind) if earlier is not None else []))
    return {"answers": answers, "previous_remiss": previous, "kinds": kinds, "kind": kind,
            "kind_label": SectionKind(kind).label, "summary": matrix.summarise(rows)}
