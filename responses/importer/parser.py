"""Text of a tjänsteutlåtande → its structure (header, förslag till beslut, sections, bilagor).

``parse_text(text)`` returns a :class:`ParsedUtlatande`; ``to_json()`` gives the contract of
``import_utlatande --dry-run --format json`` (docs/importer.md). The parser never drops
text: what it cannot place is kept as free text in a section and named in the report.
"""

import copy
import html
import re
from dataclasses import dataclass, field

from responses.content import SectionKind

from . import headings as h
from .layout import Block, Line, join_lines, to_blocks

# Sections whose unknown short lines are sub-headings rather than new sections.
SUBHEADED = {SectionKind.BAKGRUND, SectionKind.ARENDET, SectionKind.SYNPUNKTER}
# Sections made of short lines that must never be taken for headings.
LINE_LISTS = {h.BESLUT, h.BILAGOR, SectionKind.UNDERLAG}
EMPHASIS_RE = re.compile(r"(\*{1,2})(?=\S)(.+?)(?<=\S)\1")


@dataclass
class Section:
    heading: str
    kind: str
    parts: list = field(default_factory=list)  # ("p", str) ("ul", [str]) ("ol", [str]) ("h3", str)
    recognised: bool = True  # heading known by name; False = found by layout only
    explicit: bool = False  # marked as a heading by the source (Markdown, Word style, font)
    synthetic: bool = False  # heading invented by the importer (no such line in the source)

    def add(self, kind: str, text: str) -> None:
        if kind in ("ul", "ol"):
            if self.parts and self.parts[-1][0] == kind:
                self.parts[-1][1].append(text)
            else:
                self.parts.append((kind, [text]))
        else:
            self.parts.append((kind, text))

    @property
    def text(self) -> str:
        return self.render_text()

    def render_text(self, markers: bool = True) -> str:
        """Plain text; without markers lists lose their "- " and "1. " (for word counts)."""
        out = []
        for kind, value in self.parts:
            if kind in ("ul", "ol"):
                out.append("\n".join(
                    (f"- {_plain(item)}" if kind == "ul" else f"{i}. {_plain(item)}")
                    if markers else _plain(item) for i, item in enumerate(value, 1)))
            else:
                out.append(_plain(value))
        return "\n\n".join(out)

    @property
    def html(self) -> str:
        out = []
        for kind, value in self.parts:
            if kind in ("ul", "ol"):
                items = "".join(f"<li>{_inline_html(item)}</li>" for item in value)
                out.append(f"<{kind}>{items}</{kind}>")
            else:
                tag = "h3" if kind == "h3" else "p"
                out.append(f"<{tag}>{_inline_html(value)}</{tag}>")
        return "".join(out)


def _plain(text: str) -> str:
    return EMPHASIS_RE.sub(r"\2", text)


def _inline_html(text: str) -> str:
    def emphasis(match):
        tag = "strong" if len(match.group(1)) == 2 else "em"
        return f"<{tag}>{match.group(2)}</{tag}>"

    return EMPHASIS_RE.sub(emphasis, html.escape(text, quote=False))


@dataclass
class ParsedUtlatande:
    title: str | None = None
    dnr: str | None = None
    own_dnr: str | None = None
    date: object = None  # datetime.date
    till: str | None = None
    handlaggare: list = field(default_factory=list)
    decision_points: list = field(default_factory=list)
    signatories: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    bilagor: list = field(default_factory=list)
    # Found in the header but outside the contract: förvaltning, avdelning, document type.
    forvaltning: str = ""
    avdelning: str = ""
    header_labels: list = field(default_factory=list)  # "Handläggare:", "Till" as written
    header_extra: list = field(default_factory=list)  # header lines kept verbatim
    # [(kind, message)]: kind is "recognised", "guessed" or "free_text"
    report: list = field(default_factory=list)
    missing: list = field(default_factory=list)

    def note(self, kind: str, message: str) -> None:
        self.report.append((kind, message))

    @property
    def warnings(self) -> list[str]:
        return self.missing + [m for kind, m in self.report if kind != "recognised"]

    def to_json(self) -> dict:
        """The documented contract (docs/importer.md): ISO dates, null where absent."""
        return {
            "title": self.title,
            "dnr": self.dnr,
            "own_dnr": self.own_dnr,
            "date": self.date.isoformat() if self.date else None,
            "till": self.till,
            "handlaggare": [{"name": x["name"], "telefon": x.get("telefon") or None}
                            for x in self.handlaggare],
            "decision_points": list(self.decision_points),
            "signatories": [{"name": s["name"], "title": s.get("title") or None}
                            for s in self.signatories],
            "sections": [{"heading": s.heading, "text": s.text} for s in self.sections],
            "bilagor": list(self.bilagor),
            "warnings": self.warnings,
        }

    def as_text(self) -> str:
        """Everything the parser kept, as plain text: for checking that no word was lost."""
        out = [self.forvaltning, self.avdelning, *self.header_labels, *self.header_extra,
               self.own_dnr or "", self.date_text, self.till or ""]
        for person in self.handlaggare:
            out += [person["name"], person.get("telefon") or ""]
        out.append(self.title_text)
        for section in self.sections:
            if not section.synthetic:
                out.append(section.heading)
            out.append(section.render_text(markers=False))
        for person in self.signatories:
            out += [person["name"], person.get("title") or ""]
        return "\n".join(x for x in out if x)

    date_text: str = ""  # the date as written
    title_text: str = ""  # the title lines as written (the title may add a full stop)


# --- the parser -----------------------------------------------------------------------

def parse_text(text: str) -> ParsedUtlatande:
    blocks = to_blocks(text)
    result = ParsedUtlatande()
    start = _first_heading(blocks)
    if start is None:
        _parse_preamble(blocks, result, headless=True)
        return _finish(result)
    _parse_preamble(blocks[:start], result)
    _parse_body(blocks[start:], result)
    return _finish(result)


def _heading_text(block: Block) -> str:
    return " ".join(block.text.split()).strip().strip("*_").strip()


def _is_explicit(block: Block) -> bool:
    text = _heading_text(block)
    caps = text.isupper() and len(text) >= 4 and len(text.split()) <= 4 and \
        not any(c.isdigit() for c in text)
    return block.kind == "heading" or (block.kind == "para" and len(block.lines) == 1 and caps)


def _known(block: Block) -> str | None:
    if block.kind not in ("para", "heading") or len(block.lines) > 2 or block.words > 10:
        return None
    return h.known_heading(_heading_text(block))


def _looks_like_heading(block: Block, following: Block | None) -> bool:
    """An unnamed heading found by layout: a short line of its own, followed by text."""
    if block.kind != "para" or following is None or \
            len(block.lines) > (2 if block.boxed else 1):
        return False
    text = _heading_text(block)
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
    return following.kind != "heading"


def _first_heading(blocks: list[Block]) -> int | None:
    """Index of the first section heading; an explicit heading before it is the title."""
    seen_title = False
    for i, block in enumerate(blocks):
        if _known(block):
            return i
        if _is_explicit(block):
            if not seen_title and block.kind == "heading":
                seen_title = True
                continue
            return i
    # No named heading: fall back to the first heading found by layout after the title.
    for i, block in enumerate(blocks[1:], start=1):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if _looks_like_heading(block, following) and i > _preamble_end_guess(blocks):
            return i
    return None


def _preamble_end_guess(blocks: list[Block]) -> int:
    """The index of the last header-like block at the top (labels, dates, names)."""
    last = 0
    for i, block in enumerate(blocks[:12]):
        first = block.lines[0].text.strip() if block.lines else ""
        if h.HANDLAGGARE_RE.match(first) or h.TILL_RE.match(first) or h.DNR_RE.match(first) \
                or h.DATUM_RE.match(first) or h.TELEFON_RE.match(first):
            last = i
    return last + 1  # the title follows the header


def _cells(line: Line) -> list[str]:
    return [c.strip() for c in re.split(r"\s{2,}", line.text.strip()) if c.strip()]


def _parse_preamble(blocks: list[Block], result: ParsedUtlatande, headless=False) -> None:
    """Header fields, then the title; any other text is kept and reported."""
    pending = None
    body_start = len(blocks)
    title_parts: list[str] = []
    for index, block in enumerate(blocks):
        if block.kind == "heading" and not title_parts and result.title is None:
            title_parts.append(_heading_text(block))
            continue
        if title_parts:
            first = block.text
            if h.TITLE_CONTINUATION_RE.match(first) and len(title_parts) < 3 and \
                    block.words < 30:
                title_parts.append(first)
                continue
            body_start = index
            break
        block_start = _snapshot(result)
        leftover: list[Line] = []
        for line in _unwrap_header_lines(block.lines):
            line_start = _snapshot(result)
            line_pending = pending
            consumed_all = True
            for cell in _cells(line):
                line_pending, consumed = _header_cell(cell, line_pending, result)
                consumed_all = consumed_all and consumed
            if consumed_all:
                pending = line_pending
            else:
                _restore(result, line_start)  # not a header line: keep it whole
                leftover.append(line)
        if leftover:
            # Not header: the title (short) or the start of the text (long).
            if block.words <= 40 and block.kind == "para" and (not headless or
                                                              index + 1 < len(blocks)):
                title_parts.extend(_title_lines(Block("para", leftover)))
            else:
                _restore(result, block_start)
                body_start = index
                break
    if title_parts:
        result.title_text = "\n".join(title_parts)
        title = title_parts[0]
        for part in title_parts[1:]:
            title = title.rstrip() + ("" if title.rstrip().endswith((".", ":")) else ".") + \
                " " + part
        result.title = " ".join(title.split())
        result.note("recognised", f"Rubrik: {result.title}")
    rest = blocks[body_start:]
    if rest:
        section = Section("Text", SectionKind.EXTRA, recognised=False, synthetic=True)
        _fill(section, rest, result)
        result.sections.append(section)
        if headless:
            result.note("free_text", "Inga rubriker hittades; hela texten sparades som ett "
                                     "avsnitt.")
        else:
            result.note("free_text", "Text före första rubriken sparades som ett eget avsnitt.")


def _unwrap_header_lines(lines: list[Line]) -> list[Line]:
    """A phone number or date wrapped in a narrow header cell: "08-508" + "390 00"."""
    out: list[Line] = []
    for line in lines:
        text = line.text.strip()
        if out and re.fullmatch(r"[\d\s()-]{1,12}", text) and not h.is_date_only(text) and \
                re.search(r"(?:\d|" + "|".join(h.MONTHS) + r")$", out[-1].text.strip()):
            out[-1] = Line(out[-1].text.rstrip() + " " + text, out[-1].indented)
        else:
            out.append(line)
    return out


def _title_lines(block: Block) -> list[str]:
    """A title block's parts: "Svar på remiss från kommunstyrelsen" starts a new part."""
    parts: list[list[str]] = []
    for line in block.lines:
        if not parts or h.TITLE_CONTINUATION_RE.match(line.text.strip()):
            parts.append([])
        parts[-1].append(line.text)
    return [join_lines(p) for p in parts]


HEADER_FIELDS = ("handlaggare", "header_labels", "header_extra", "till", "own_dnr", "date",
                 "date_text", "avdelning", "forvaltning", "report")


def _snapshot(result: ParsedUtlatande) -> dict:
    return copy.deepcopy({name: getattr(result, name) for name in HEADER_FIELDS})


def _restore(result: ParsedUtlatande, snapshot: dict) -> None:
    for name, value in snapshot.items():
        setattr(result, name, value)


def _header_cell(cell: str, pending, result: ParsedUtlatande):
    """Read one header cell; returns (pending label, consumed)."""
    for regex, label in ((h.HANDLAGGARE_RE, "handlaggare"), (h.TELEFON_RE, "telefon"),
                         (h.TILL_RE, "till"), (h.DNR_RE, "dnr"), (h.DATUM_RE, "datum")):
        match = regex.match(cell)
        if match and (label != "till" or not match.group(1) or
                      match.group(1)[:1].isupper()):
            value = match.group(1).strip()
            result.header_labels.append(cell[: len(cell) - len(match.group(1))].strip())
            if value:
                _header_value(label, value, result)
                return None, True
            return label, True
    if pending:
        _header_value(pending, cell, result)
        return None, True
    if h.DOCTYPE_RE.match(cell):
        result.header_labels.append(cell)
        result.note("recognised", f"Dokumenttyp: {cell}")
        return None, True
    if h.is_date_only(cell) and result.date is None:
        _header_value("datum", cell, result)
        return None, True
    if h.PHONE_RE.match(cell) and result.handlaggare and not result.handlaggare[-1].get(
            "telefon"):
        _header_value("telefon", cell, result)
        return None, True
    if h.AVDELNING_RE.search(cell) and not result.avdelning and len(cell) < 80:
        result.avdelning = cell
        result.note("recognised", f"Avdelning: {cell}")
        return None, True
    if h.ORGANISATION_RE.search(cell) and not result.forvaltning and len(cell) < 80 and \
            cell[:1].isupper() and len(cell.split()) <= 5:
        result.forvaltning = cell
        result.note("recognised", f"Förvaltning: {cell}")
        return None, True
    return None, False


def _header_value(label: str, value: str, result: ParsedUtlatande) -> None:
    if label == "handlaggare":
        # "Klas Robinson, telefon 08-508 01352" or "A och B"
        tel = re.search(r",?\s*(?:telefon|tel\.?|tfn)\s*:?\s*(.+)$", value, re.IGNORECASE)
        if tel:
            result.header_labels.append(value[tel.start():tel.start(1)].strip())
            value = value[:tel.start()]
        # "och" joins two names: keep it as written, it is part of the header's text.
        parts = re.split(r"(,\s*|\s+och\s+)", value)
        result.header_labels += [sep.strip() for sep in parts[1::2] if sep.strip(" ,")]
        for name in parts[0::2]:
            if name.strip():
                result.handlaggare.append({"name": name.strip(), "telefon": None})
                result.note("recognised", f"Handläggare: {name.strip()}")
        if tel:
            if not value.strip():
                result.handlaggare.append({"name": "", "telefon": None})
            result.handlaggare[-1]["telefon"] = tel.group(1).strip()
    elif label == "telefon":
        target = next((p for p in result.handlaggare if not p.get("telefon")), None)
        if target is None:
            target = {"name": "", "telefon": None}
            result.handlaggare.append(target)
        target["telefon"] = value
        result.note("recognised", f"Telefon: {value}")
    elif label == "till":
        result.till = value if not result.till else f"{result.till} {value}"
        result.note("recognised", f"Till: {value}")
    elif label == "dnr":
        result.own_dnr = value
        result.note("recognised", f"Diarienummer: {value}")
    elif label == "datum":
        parsed = h.parse_date(value)
        if parsed and result.date is None:
            result.date = parsed
            result.date_text = value
            result.note("recognised", f"Datum: {parsed.isoformat()}")
        else:
            result.header_extra.append(value)
            result.note("free_text", f"Datumet ”{value}” tolkades inte och sparades som text.")


def _parse_body(blocks: list[Block], result: ParsedUtlatande) -> None:
    section: Section | None = None
    pending: list[Block] = []

    def flush():
        if section is not None:
            _fill(section, pending, result)
        pending.clear()

    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        kind = _known(block)
        text = _heading_text(block)
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


def _fill(section: Section, blocks: list[Block], result: ParsedUtlatande) -> None:
    if section.kind == h.BESLUT:
        _fill_beslut(section, blocks, result)
        return
    if section.kind == h.BILAGOR:
        _fill_bilagor(section, blocks, result)
        return
    for block in blocks:
        if block.kind == "subheading":
            section.add("h3", _heading_text(block))
        elif block.kind == "bullet":
            section.add("ul", block.text)
        elif block.kind == "number":
            section.add("ol", block.text)
        elif block.kind == "heading":
            section.add("h3", _heading_text(block))
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
            if block.kind in ("para", "bullet") and not _signature_start(block):
                section.add("ol", block.text)
                result.decision_points.append(block.text)
            else:
                tail = blocks[i:]
                break
        if result.decision_points:
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


def _signature_start(block: Block) -> bool:
    cells = _cells(block.lines[0]) if block.lines else []
    return bool(cells) and all(h.is_name(c) for c in cells)


def _split_title_line(text: str, columns: int, indented: bool) -> list[str]:
    """Spread a title line over name columns when the PDF lost the column gap."""
    if columns == 1:
        return [text]
    words = text.split()
    points = [i for i in range(1, len(words)) if h.starts_title(words[i])]
    if not points:
        points = [i for i in range(1, len(words)) if words[i][:1].isupper()]
    if len(points) >= columns - 1:
        cuts = [0, *points[:columns - 1], len(words)]
        return [" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
    # One column only: an indented line sits under the last name, otherwise the first.
    parts = [""] * columns
    parts[-1 if indented else 0] = text
    return parts


def parse_signatories(lines: list[Line]):
    """[{"name", "title"}] from name lines and title lines (one or several columns)."""
    signatories: list[dict] = []
    columns: list[dict] = []
    for index, line in enumerate(lines):
        cells = _cells(line)
        if not cells:
            continue
        if all(h.is_name(c) for c in cells) and (len(cells) > 1 or len(columns) <= 1 or
                                                 not line.indented):
            columns = [{"name": c, "title": ""} for c in cells]
            signatories.extend(columns)
            continue
        if not columns:
            return signatories, lines[index:]
        if len(cells) == len(columns):
            parts = cells
        else:
            parts = _split_title_line(" ".join(cells), len(columns), line.indented)
        for person, part in zip(columns, parts, strict=False):
            if part and person["title"]:
                # A wrapped title continues in lower case; a new line in capitals is a role.
                glue = " " if part[:1].islower() else ", "
                person["title"] = f"{person['title']}{glue}{part}"
            elif part:
                person["title"] = part
    return signatories, []


def _finish(result: ParsedUtlatande) -> ParsedUtlatande:
    _find_dnr(result)
    if not result.title:
        result.missing.append("Ingen rubrik hittades.")
    if not result.date:
        result.missing.append("Inget datum hittades.")
    if not any(p["name"] for p in result.handlaggare):
        result.missing.append("Ingen handläggare hittades.")
    if not result.decision_points:
        result.missing.append("Inget förslag till beslut hittades.")
    if not result.signatories:
        result.missing.append("Inga undertecknare hittades.")
    for person in result.handlaggare:
        person["name"] = person["name"] or ""
    return result


def _find_dnr(result: ParsedUtlatande) -> None:
    """The KS dnr: in the title or header, else in "Underlag för beslut" (a guess)."""
    found = h.find_ks_dnr(result.title or "") or h.find_ks_dnr(
        " ".join(result.header_extra), require_ks=True)
    if found:
        result.dnr = found
        result.note("recognised", f"KS diarienummer: {found}")
        return
    for section in result.sections:
        if section.kind == SectionKind.UNDERLAG:
            found = h.find_ks_dnr(section.text)
            if found:
                result.dnr = found
                result.note("guessed", f"KS diarienummer {found} hämtades ur ”"
                                       f"{section.heading}”.")
                return
