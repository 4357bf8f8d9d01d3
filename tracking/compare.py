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
    # One entry per chosen section kind: (kind, label, [sections]).
    columns: list = field(default_factory=list)
    previous: object = None  # the previous remiss's Utlatande of the same organisation
    previous_columns: list = field(default_factory=list)


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


# Shown when SLK has not chosen: what a remissammanställning compares first.
DEFAULT_KINDS = (SectionKind.SAMMANFATTNING, SectionKind.SYNPUNKTER)


def side_by_side(remiss: Remiss, user, kinds=None, *, stance: str = "",
                 organisation_kind: str = "") -> dict:
    """Every readable answer to the remiss, one per organisation (a joint answer once),
    with the chosen section kinds next to each other and the same organisation's answer
    to the previous remiss of the program.

    kinds None or empty: sammanfattning and synpunkter when present, else the first kind
    present. stance and organisation_kind filter the answers (not the summary counts).
    """
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
    available = [(k, label) for k, label in SectionKind.choices if k in kinds_present]
    chosen = [k for k in (kinds or []) if k in SectionKind.values]
    if not chosen:
        chosen = [k for k in DEFAULT_KINDS if k in kinds_present] or (
            [available[0][0]] if available else [SectionKind.SYNPUNKTER])
    labels = dict(SectionKind.choices)
    answers = []
    for row in readable_rows:
        organisations = orgs_by_answer[row.utlatande.pk]
        if stance and row.stance != stance:
            continue
        if organisation_kind and not any(o.kind == organisation_kind for o in organisations):
            continue
        earlier = next((previous_by_org[o.pk] for o in organisations
                        if o.pk in previous_by_org), None)
        answers.append(Answer(
            organisations=organisations, row=row,
            columns=[(k, labels[k], _sections(row.utlatande, k)) for k in chosen],
            previous=earlier,
            previous_columns=[(k, labels[k], _sections(earlier, k)) for k in chosen]
            if earlier is not None else []))
    return {"answers": answers, "previous_remiss": previous, "kinds": available,
            "chosen": chosen, "chosen_labels": [labels[k] for k in chosen],
            "total_readable": len(readable_rows), "summary": matrix.summarise(rows)}
