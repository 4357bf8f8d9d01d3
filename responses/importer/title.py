"""The title of a tjänsteutlåtande, chosen by a score among the header's free lines, and
the KS dnr it names.

The title is the line that names the remiss ("... Svar på remiss från kommunstyrelsen",
a KS dnr in parentheses, a Word title style or a large PDF font), together with its
continuation line; a person's name, a date or a phone number scores so low that it can
never be the title, wherever it stands.
"""

import re
from dataclasses import dataclass

from responses.content import SectionKind

from . import headings as h
from .layout import Block, join_lines
from .model import BY_GUESS, BY_LABEL, BY_PATTERN, ParsedUtlatande, Section

TITLE_WORDS_RE = re.compile(r"\b(?:program|plan|strategi|förslag|riktlinjer|remiss|policy|"
                            r"handlingsplan|utredning|betänkande|revidering|reviderat)",
                            re.IGNORECASE)
TITLE_MIN_SCORE = 2
MAX_TITLE_WORDS = 40


@dataclass
class Candidate:
    """A block of header lines that fit no field: the title, or text kept as it stands."""

    index: int  # block index in the preamble
    block: Block  # the block's lines that are not header lines
    explicit: bool  # marked as a heading by the source

    @property
    def lines(self) -> list[str]:
        return [line.text for line in self.block.lines]

    @property
    def text(self) -> str:
        return join_lines(self.lines)


def title_score(text: str, *, explicit: bool = False) -> int:
    """How much a line looks like the title: it names the remiss, it is never a name."""
    flat = " ".join(text.split())
    words = flat.split()
    if not words or len(words) > MAX_TITLE_WORDS:
        return -100
    if h.is_name(flat) or h.is_date_only(flat) or h.PHONE_RE.match(flat):
        return -100
    score = 0
    if h.TITLE_CONTINUATION_RE.search(flat) or re.search(r"svar på remiss", flat, re.I):
        score += 4
    if h.find_ks_dnr(flat, require_ks=True) or re.search(r"\(\s*[^()]*\d+/\d{4}\s*\)", flat):
        score += 4
    if explicit:
        score += 3
    if TITLE_WORDS_RE.search(flat):
        score += 2
    if len(words) >= 3:
        score += 1
    if score < 4 and len(words) >= 6 and flat.endswith((".", "!", "?")):
        score -= 2  # a sentence of the text
    if h.CELL_LABEL_RE.match(flat) or h.DOCTYPE_RE.match(flat) or \
            h.ORGANISATION_RE.search(flat) and len(words) <= 5:
        score -= 5
    return score


def _title_parts(lines: list[str]) -> list[str]:
    """A title block's parts: "Svar på remiss från kommunstyrelsen" starts a new part."""
    parts: list[list[str]] = []
    for line in lines:
        if not parts or h.TITLE_CONTINUATION_RE.match(line.strip()):
            parts.append([])
        parts[-1].append(line)
    return [join_lines(p) for p in parts]


def place_candidates(candidates, result, last_header, headless, fill) -> None:
    # A candidate and the continuation lines right after it ("Svar på remiss ...") are
    # scored together: the title is the whole group.
    groups: list[list[Candidate]] = []
    for candidate in candidates:
        previous = groups[-1] if groups else None
        if previous and candidate.index == previous[-1].index + 1 and len(previous) < 3 and \
                h.TITLE_CONTINUATION_RE.match(candidate.lines[0].strip()) and \
                len(candidate.text.split()) < 30 and \
                title_score(previous[-1].text, explicit=previous[-1].explicit) > -100:
            previous.append(candidate)
        else:
            groups.append([candidate])
    # Without any heading the text is all body: only a line naming the remiss is a title.
    minimum = TITLE_MIN_SCORE + 2 if headless else TITLE_MIN_SCORE
    scored = [(title_score(" ".join(c.text for c in g), explicit=g[0].explicit), -i, g)
              for i, g in enumerate(groups)]
    best = max(scored, key=lambda s: (s[0], s[1]), default=None)
    title: list[Candidate] = best[2] if best is not None and best[0] >= minimum else []
    if title:
        parts = []
        for candidate in title:
            parts += [candidate.text] if candidate.explicit else _title_parts(candidate.lines)
        result.title_text = "\n".join(parts)
        text = parts[0]
        for part in parts[1:]:
            text = text.rstrip() + ("" if text.rstrip().endswith((".", ":")) else ".") + \
                " " + part
        result.title = " ".join(text.split())
        result.confidence["title"] = BY_LABEL if best[0] >= 6 else BY_PATTERN \
            if best[0] >= 4 else BY_GUESS
        result.note("recognised" if best[0] >= 4 else "guessed", f"Rubrik: {result.title}")
    title_end = title[-1].index if title else -1
    rest: list[Block] = []
    for candidate in candidates:
        if candidate in title:
            continue
        short = len(candidate.text.split()) <= 12 and len(candidate.lines) <= 2
        if short and (candidate.index < title_end or candidate.index < last_header) and \
                not headless:
            result.header_extra.append(candidate.text)
            result.note("free_text", f"Raden ”{candidate.text}” i sidhuvudet känns inte igen "
                                     f"och sparades som text.")
        else:
            rest.append(candidate.block)
    if rest:
        section = Section("Text", SectionKind.EXTRA, recognised=False, synthetic=True)
        fill(section, rest, result)
        result.sections.append(section)
        if headless and not title:
            result.note("free_text", "Inga rubriker hittades; hela texten sparades som ett "
                                     "avsnitt.")
        else:
            result.note("free_text", "Text före första rubriken sparades som ett eget avsnitt.")


def find_dnr(result: ParsedUtlatande) -> None:
    """The KS dnr: in the title or header, else in "Underlag för beslut" (a guess)."""
    found = h.find_ks_dnr(result.title or "") or h.find_ks_dnr(
        " ".join(result.header_extra), require_ks=True)
    if found:
        result.dnr = found
        result.confidence["dnr"] = BY_LABEL if h.find_ks_dnr(result.title or "",
                                                             require_ks=True) else BY_PATTERN
        result.note("recognised", f"KS diarienummer: {found}")
        return
    for section in result.sections:
        if section.kind == SectionKind.UNDERLAG:
            found = h.find_ks_dnr(section.text)
            if found:
                result.dnr = found
                result.confidence["dnr"] = BY_GUESS
                result.note("guessed", f"KS diarienummer {found} hämtades ur ”"
                                       f"{section.heading}”.")
                return
