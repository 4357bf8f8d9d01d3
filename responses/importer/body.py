"""The body of a tjänsteutlåtande: sections by their headings, decision points, bilagor.

Headings are found by name (headings.KNOWN_HEADINGS), by the source's own marking
(Markdown #, Word style, PDF font size, capitals) or by layout (a short line of its own);
nothing is dropped: text without a place stays in the section it appears in.
"""

from responses.content import SectionKind

from . import headings as h
from .header import CITY_RE
from .layout import DRAFT_MARK_RE, Block, join_lines
from .model import ParsedUtlatande, Section
from .signatories import parse_signatories, signature_start
from .title import title_score

# Sections whose unknown short lines are sub-headings rather than new sections.
SUBHEADED = {SectionKind.BAKGRUND, SectionKind.ARENDET, SectionKind.SYNPUNKTER}
# Sections made of short lines that must never be taken for headings.
LINE_LISTS = {h.BESLUT, h.BILAGOR, SectionKind.UNDERLAG}


def heading_text(block: Block) -> str:
    return " ".join(block.text.split()).strip().strip("*_").strip()


def _is_explicit(block: Block) -> bool:
    text = heading_text(block)
    caps = text.isupper() and len(text) >= 4 and len(text.split()) <= 4 and \
        not any(c.isdigit() for c in text)
    return block.kind == "heading" or (block.kind == "para" and len(block.lines) == 1 and caps)


def _known(block: Block) -> str | None:
    if block.kind not in ("para", "heading") or len(block.lines) > 2 or block.words > 10:
        return None
    return h.known_heading(heading_text(block))


def _looks_like_heading(block: Block, following: Block | None) -> bool:
    """An unnamed heading found by layout: a short line of its own, followed by text."""
    if block.kind != "para" or following is None or \
            len(block.lines) > (2 if block.boxed else 1):
        return False
    text = heading_text(block)
    words = text.split()
    if not words or len(words) > 12 or len(text) > 90 or not text[0].isupper():
        return False
    if any(q in text for q in "”“\"«»") or "  " in block.lines[0].text.strip():
        return False
    if any(c.isdigit() for c in text) and not block.boxed:
        return False
    if text.endswith(":"):
        return len(words) <= 3
    if text.endswith((".", ",", ";", "!", "?")) and not block.boxed:
        return False
    # A heading has text under it: a line followed by a known heading is a paragraph.
    return following.kind != "heading" and not _known(following)


def first_heading(blocks: list[Block]) -> int | None:
    """Index of the first section heading; an explicit heading before it is the title."""
    seen_title = False
    for i, block in enumerate(blocks):
        if _known(block):
            return i
        if _is_explicit(block):
            if _header_like(block):
                continue  # "TILL", "TJÄNSTEUTLÅTANDE", "KULTURFÖRVALTNINGEN" in capitals
            if not seen_title and (block.kind == "heading" or i == 0 or
                                   title_score(block.text, explicit=True) >= 6):
                seen_title = True
                continue
            return i
    # No named heading: fall back to the first heading found by layout after the title.
    for i, block in enumerate(blocks[1:], start=1):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if _looks_like_heading(block, following) and i > _preamble_end_guess(blocks):
            return i
    return None


def _header_like(block: Block) -> bool:
    text = heading_text(block)
    return bool(h.CELL_LABEL_RE.match(text) or h.DOCTYPE_RE.match(text) or CITY_RE.match(text) or
                DRAFT_MARK_RE.match(text) or
                h.ORGANISATION_RE.search(text) or h.AVDELNING_RE.search(text))


def _preamble_end_guess(blocks: list[Block]) -> int:
    """The index of the last header-like block at the top (labels, dates, names)."""
    last = 0
    for i, block in enumerate(blocks[:12]):
        first = block.lines[0].text.strip() if block.lines else ""
        if h.CELL_LABEL_RE.match(first):
            last = i
    return last + 1  # the title follows the header


def parse_body(blocks: list[Block], result: ParsedUtlatande) -> None:
    section: Section | None = None
    pending: list[Block] = []

    def flush():
        if section is not None:
            fill(section, pending, result)
        pending.clear()

    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        kind = _known(block)
        text = heading_text(block)
        in_lines = section is not None and section.kind in LINE_LISTS
        if kind and h.is_bare_synpunkter(text) and section is not None and \
                section.kind == SectionKind.SYNPUNKTER:
            kind = None  # "Synpunkter:" inside the synpunkter: a sub-heading
        if kind:
            flush()
            section = Section(text, kind, explicit=block.kind == "heading")
            result.sections.append(section)
            result.note("recognised", f"Avsnitt: {text}")
            continue
        explicit = _is_explicit(block)
        if explicit and (block.level <= 2 or section is None or
                         section.kind not in SUBHEADED):
            flush()
            section = Section(text, SectionKind.EXTRA, recognised=False, explicit=True)
            result.sections.append(section)
            result.note("free_text", f"Rubriken ”{text}” känns inte igen och sparades som "
                                     f"ett eget avsnitt.")
            continue
        if (explicit or _looks_like_heading(block, following)) and not in_lines:
            if section is not None and (section.kind in SUBHEADED or section.explicit and
                                        section.kind == SectionKind.EXTRA):
                pending.append(Block("subheading", block.lines))
                continue
            flush()
            section = Section(text, SectionKind.EXTRA, recognised=False)
            result.sections.append(section)
            result.note("guessed", f"Raden ”{text}” tolkades som rubrik för ett eget "
                                   f"avsnitt.")
            continue
        pending.append(block)
    flush()


def fill(section: Section, blocks: list[Block], result: ParsedUtlatande) -> None:
    if section.kind == h.BESLUT:
        _fill_beslut(section, blocks, result)
        return
    if section.kind == h.BILAGOR:
        _fill_bilagor(section, blocks, result)
        return
    for block in blocks:
        if block.kind == "subheading":
            section.add("h3", heading_text(block))
        elif block.kind == "bullet":
            section.add("ul", block.text)
        elif block.kind == "number":
            section.add("ol", block.text)
        elif block.kind == "heading":
            section.add("h3", heading_text(block))
        elif section.kind == SectionKind.UNDERLAG:
            for line in _line_items(block):  # facts, one a line: remiss, remisstid, dnr
                section.add("p", line)
        else:
            section.add("p", block.text)


def _line_items(block: Block) -> list[str]:
    """One item per line of a list-like block; a line in lower case continues the last."""
    items: list[list[str]] = []
    for line in block.lines:
        text = line.text.strip()
        if items and text[:1].islower():
            items[-1].append(text)
        else:
            items.append([text])
    return [join_lines(item) for item in items]


def _fill_bilagor(section: Section, blocks: list[Block], result: ParsedUtlatande) -> None:
    items: list[str] = []
    for block in blocks:
        if block.kind in ("number", "bullet"):
            items.append(block.text)
        else:
            items.extend(_line_items(block))
    for item in items:
        section.add("ol", item)
        result.bilagor.append(item)
    result.note("recognised", f"Bilagor: {len(items)}")


def _fill_beslut(section: Section, blocks: list[Block], result: ParsedUtlatande) -> None:
    """Intro text, numbered decision points, then the signatories."""
    numbered = [i for i, b in enumerate(blocks) if b.kind == "number"]
    if numbered:
        last = numbered[-1]
        for block in blocks[:last + 1]:
            if block.kind == "number":
                section.add("ol", block.text)
                result.decision_points.append(block.text)
            else:
                section.add("p", block.text)
        tail = blocks[last + 1:]
    else:
        # No numbering: every paragraph before the signatures is a decision point.
        tail = []
        for i, block in enumerate(blocks):
            if result.decision_points:
                tail = blocks  # a second förslag heading: its text is no decision point
                break
            if block.kind in ("para", "bullet") and not signature_start(block):
                section.add("ol", block.text)
                result.decision_points.append(block.text)
            else:
                tail = blocks[i:]
                break
        if section.parts:
            result.note("guessed", "Förslaget till beslut saknade numrering; varje stycke "
                                   "tolkades som en beslutspunkt.")
    lines = [line for block in tail for line in block.lines]
    signatories, leftover = parse_signatories(lines)
    result.signatories.extend(signatories)
    for s in signatories:
        result.note("recognised", f"Undertecknare: {s['name']}"
                                  + (f", {s['title']}" if s.get("title") else ""))
    if leftover:
        text = join_lines([ln.text for ln in leftover])
        section.add("p", text)
        result.note("free_text", f"Text efter förslaget till beslut sparades som fritext: "
                                 f"”{text[:60]}”.")
    for i, point in enumerate(result.decision_points, 1):
        result.note("recognised", f"Beslutspunkt {i}: {point}")
