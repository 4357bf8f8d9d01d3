"""The header of a tjänsteutlåtande, read by its fields.

Every label (Handläggare, Telefon, Till, Dnr, Datum) is recognised wherever it stands: at
the start of a line, inside a line ("Anna Berg  Telefon: 08-508 319 12") or alone on a line
with its value(s) below. Values are gathered until the next label, as long as they fit the
label (a name for Handläggare, a number for Telefon, a date for Datum). What fits no label
is a title candidate (title.py).

Nothing is dropped: labels go to ``header_labels``, values to their fields, lines without
a place to ``header_extra`` or to the free text section before the first heading.
"""

import copy
import re

from . import headings as h
from .layout import DRAFT_MARK_RE, Block, Line
from .model import BY_LABEL, BY_PATTERN, ParsedUtlatande
from .signatories import line_cells
from .title import TITLE_MIN_SCORE, Candidate, place_candidates, title_score

INNER_LABEL_RE = re.compile(
    r"(?<=\S)[ ,;]+(?P<label>(?:handläggare|telefon|tel\.?|tfn|datum|dnr)\s*:\s*|"
    r"(?:telefon|tel\.?|tfn)\s+(?=\+?\d))", re.IGNORECASE)
PAGE_MARK_RE = re.compile(r"^sida\s+\d{1,3}(?:\s*\(\s*\d{1,3}\s*\)|\s+av\s+\d{1,3})?$",
                          re.IGNORECASE)
CITY_RE = re.compile(r"^stockholms\s+stad$", re.IGNORECASE)
# The förvaltning's address in a letterhead or footer: "Box 22063, 104 22 Stockholm".
ADDRESS_RE = re.compile(r"^(?:box\s+\d+|besöksadress|postadress|växel|e-post)\b|"
                        r"\b\d{3}\s?\d{2}\s+[A-ZÅÄÖ][a-zåäö]+$|\bstockholm\.se\b",
                        re.IGNORECASE)
OWN_DNR_RE = re.compile(r"\d")
DATE_TAIL_RE = re.compile(r"^(?P<rest>.*\S)\s+(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:"
                          + "|".join(h.MONTHS) + r")\s+\d{4})$", re.IGNORECASE)
DNR_VALUE_RE = re.compile(r"^(?=.*\d)(?=.*[/-])[\wÅÄÖåäö.:/ -]{3,40}$")


class _HeaderReader:
    """Reads header cells one by one; remembers the label whose values are being gathered."""

    def __init__(self, result: ParsedUtlatande):
        self.result = result
        self.pending: str | None = None  # the label whose values follow
        self.last: str | None = None  # the last field filled (a name after a phone: a person)
        self.new_block = False  # the cell starts a block (its label may be far above)
        # Labels still waiting for their value: a PDF may set "Dnr" and its value apart,
        # with "Datum 2021-09-20" in between.
        self.unfilled: list[str] = []

    def state(self):
        return (self.pending, self.last, list(self.unfilled))

    def set_state(self, state) -> None:
        self.pending, self.last, self.unfilled = state[0], state[1], list(state[2])

    # --- one cell -------------------------------------------------------------------
    def cell(self, cell: str, *, new_block: bool) -> bool:
        """Read one cell; False when it is not header text (the caller then undoes what the
        cell recorded, see _read_line)."""
        if new_block and self.pending == "till+":
            self.pending = None
        self.new_block = new_block
        segments = _segments(cell)
        if segments is None:
            return self._unlabelled(cell)
        for label, label_text, value in segments:
            if label is None:
                if value and not self._unlabelled(value):
                    return False
                continue
            self.result.header_labels.append(label_text)
            self.pending = label
            if not value and label in ("dnr", "till", "datum"):
                self.unfilled.append(label)
            if value and not self._value(label, value, labelled=True):
                return False
        return True

    def _unlabelled(self, value: str) -> bool:
        result = self.result
        if self.pending and self._value(self.pending, value, labelled=False):
            return True
        self.pending = None
        for label in list(self.unfilled):
            if label == "dnr" and DNR_VALUE_RE.match(value) and not h.is_date_only(value) \
                    or label == "till" and h.ORGANISATION_RE.search(value) \
                    or label == "datum" and h.is_date_only(value):
                self.unfilled.remove(label)
                return self._value(label, value, labelled=True)
        if h.DOCTYPE_RE.match(value):
            result.header_labels.append(value)
            result.note("recognised", f"Dokumenttyp: {value}")
            return True
        if PAGE_MARK_RE.match(value) or CITY_RE.match(value) or ADDRESS_RE.search(value) \
                or DRAFT_MARK_RE.match(value):
            result.header_extra.append(value)
            return True
        if h.is_date_only(value):
            return self._date(value, BY_PATTERN)
        if h.PHONE_RE.match(value) and result.handlaggare and \
                not result.handlaggare[-1].get("telefon"):
            return self._value("telefon", value, labelled=False)
        if h.is_name(value) and self.last in ("handlaggare", "telefon"):
            return self._value("handlaggare", value, labelled=False)
        tail = DATE_TAIL_RE.match(value)
        if tail and (ADDRESS_RE.search(tail["rest"]) or h.ORGANISATION_RE.search(tail["rest"])) \
                and title_score(value) < TITLE_MIN_SCORE:
            # A letterhead or footer line ending in the date: "Stadsarkivet Box 22063, 104 22
            # Stockholm 2016-10-20" (the gaps between its fields lost in the PDF).
            result.header_extra.append(tail["rest"])
            return self._date(tail["date"], BY_PATTERN)
        if h.AVDELNING_RE.search(value) and len(value) < 80:
            if result.avdelning:
                result.header_extra.append(value)
            else:
                result.avdelning = value
                result.note("recognised", f"Avdelning: {value}")
            return True
        if h.ORGANISATION_RE.search(value) and len(value) < 80 and value[:1].isupper() and \
                len(value.split()) <= 5 and title_score(value) < TITLE_MIN_SCORE:
            if result.forvaltning:
                result.header_extra.append(value)  # the second förvaltning of a joint answer
            else:
                result.forvaltning = value
            result.note("recognised", f"Förvaltning: {value}")
            return True
        return False

    # --- a value for a label ----------------------------------------------------------
    def _value(self, label: str, value: str, *, labelled: bool) -> bool:
        value = value.strip().strip(",;").strip()
        if not value:
            return True
        confidence = BY_LABEL if labelled else BY_PATTERN
        if label == "handlaggare":
            return self._handlaggare(value, labelled, confidence)
        if label == "telefon":
            if not h.PHONE_RE.match(value) and not labelled:
                return False
            self._telefon(value)
            self.pending = "telefon" if labelled or self.pending == "telefon" else None
            return True
        if label in self.unfilled:
            self.unfilled.remove(label)
        if label == "till":
            if h.is_date_only(value) or h.is_date_only(re.sub(r"^den\s+", "", value, flags=re.I)):
                return self._date(value, BY_PATTERN)
            if not labelled and title_score(value) >= TITLE_MIN_SCORE + 2:
                return False
            # Below its label in a block of its own (a PDF text box): only a nämnd's name.
            if not labelled and self.new_block and not h.ORGANISATION_RE.search(value):
                return False
            if not value[:1].isupper():
                return False
            self.result.till = value if not self.result.till else f"{self.result.till} {value}"
            self.result.confidence["till"] = BY_LABEL
            self.result.note("recognised", f"Till: {value}")
            self.pending = "till+"
            self.last = "till"
            return True
        if label == "till+":  # after the nämnd: the date of the meeting, on the next line
            if h.is_date_only(re.sub(r"^den\s+", "", value, flags=re.I)):
                self.pending = None
                return self._date(value, BY_PATTERN)
            return False
        if label == "dnr":
            if not OWN_DNR_RE.search(value) or len(value) > 60:
                return False if not labelled else self._extra(value)
            if self.result.own_dnr:
                self.result.header_extra.append(value)  # a second förvaltning's dnr
            else:
                self.result.own_dnr = value
                self.result.confidence["own_dnr"] = BY_LABEL
                self.result.note("recognised", f"Diarienummer: {value}")
            self.pending = None
            self.last = "dnr"
            return True
        if label == "datum":
            if h.parse_date(value) is None:
                if not labelled:
                    return False
                self.result.header_extra.append(value)
                self.result.note("free_text", f"Datumet ”{value}” tolkades inte och "
                                              f"sparades som text.")
                self.pending = None
                return True
            self.pending = None
            return self._date(value, confidence)
        return False  # pragma: no cover - every label is handled above

    def _extra(self, value: str) -> bool:
        self.result.header_extra.append(value)
        self.pending = None
        return True

    def _handlaggare(self, value: str, labelled: bool, confidence: float) -> bool:
        result = self.result
        # "Klas Robinson, telefon 08-508 01352" or "A och B"
        tel = re.search(r",?\s*(?:telefon|tel\.?|tfn)\s*:?\s*(\+?\d.*)$", value, re.IGNORECASE)
        names_part = value[:tel.start()] if tel else value
        parts = re.split(r"(,\s*|\s+och\s+)", names_part)
        names = [p.strip() for p in parts[0::2] if p.strip()]
        if not labelled and not (names and all(h.is_name(n) for n in names)):
            return False
        if tel:
            result.header_labels.append(value[tel.start():tel.start(1)].strip())
        # "och" joins two names: keep it as written, it is part of the header's text.
        result.header_labels += [sep.strip() for sep in parts[1::2] if sep.strip(" ,")]
        for name in names:
            result.handlaggare.append({"name": name, "telefon": None})
            result.note("recognised", f"Handläggare: {name}")
        if tel:
            if not names:
                result.handlaggare.append({"name": "", "telefon": None})
            result.handlaggare[-1]["telefon"] = tel.group(1).strip()
        result.confidence["handlaggare"] = min(result.confidence.get("handlaggare", 1.0),
                                               confidence)
        self.pending = "handlaggare"
        self.last = "handlaggare"
        return True

    def _telefon(self, value: str) -> None:
        result = self.result
        target = next((p for p in result.handlaggare if not p.get("telefon")), None)
        if target is None:
            target = {"name": "", "telefon": None}
            result.handlaggare.append(target)
        target["telefon"] = value
        result.note("recognised", f"Telefon: {value}")
        self.last = "telefon"

    def _date(self, value: str, confidence: float) -> bool:
        result = self.result
        parsed = h.parse_date(value)
        if parsed is None:
            return False
        if result.date is None:
            result.date = parsed
            result.date_text = value
            result.confidence["date"] = confidence
            result.note("recognised", f"Datum: {parsed.isoformat()}")
        else:
            result.header_extra.append(value)  # a second date (the meeting, a footer)
        self.last = "datum"
        return True


def _segments(cell: str):
    """[(label or None, label text, value)] of a cell with labels, or None without one."""
    starts = []
    match = h.CELL_LABEL_RE.match(cell)
    if match:
        label = next(name for name in h.LABELS if match.group(name))
        value_start = match.end()
        # "Till" opens a field only alone, with a colon or before a name in capitals.
        rest = cell[value_start:]
        if label != "till" or not rest or ":" in match.group(0) or rest[:1].isupper():
            starts.append((0, label, match.group(0).strip()))
    for inner in INNER_LABEL_RE.finditer(cell):
        word = inner.group("label").strip().rstrip(":").strip().lower().rstrip(".")
        label = "handlaggare" if word == "handläggare" else "datum" if word == "datum" else \
            "dnr" if word == "dnr" else "telefon"
        starts.append((inner.start("label"), label, inner.group("label").strip()))
    if not starts:
        return None
    segments = []
    if starts[0][0] > 0:
        segments.append((None, "", cell[:starts[0][0]].strip(" ,;")))
    for i, (start, label, label_text) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(cell)
        value_start = start + len(label_text)
        # Skip the spacing after the label as written.
        value = cell[value_start:end]
        segments.append((label, label_text, value.strip(" ,;")))
    return segments


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


HEADER_FIELDS = ("handlaggare", "header_labels", "header_extra", "till", "own_dnr", "date",
                 "date_text", "avdelning", "forvaltning", "report", "confidence")


def _snapshot(result: ParsedUtlatande) -> dict:
    return copy.deepcopy({name: getattr(result, name) for name in HEADER_FIELDS})


def _restore(result: ParsedUtlatande, snapshot: dict) -> None:
    for name, value in snapshot.items():
        setattr(result, name, value)


def parse_header(blocks: list[Block], result: ParsedUtlatande, *, headless: bool = False,
                 fill=None) -> None:
    """Header fields and the title from the blocks before the first heading.

    ``fill(section, blocks, result)`` fills the free text section (body.fill)."""
    reader = _HeaderReader(result)
    candidates: list[Candidate] = []
    last_header = -1
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            text = " ".join(block.text.split()).strip().strip("*_").strip()
            # A bold or large line may still be a header value ("### Kulturnämnden").
            if title_score(text, explicit=True) < 6 and not _read_line(reader, [text], True):
                last_header = index
                continue
            candidates.append(Candidate(index, Block("para", [Line(text)]),
                                         True))
            reader.pending = None
            continue
        free: list[Line] = []
        new_block = True
        for line in _unwrap_header_lines(block.lines):
            cells = line_cells(line)
            unread = _read_line(reader, cells, new_block) if cells else []
            new_block = False
            if len(unread) < len(cells):
                last_header = index
            if unread:
                # Not header text: the whole line, or the cells of a row that fit nothing.
                text = line.text if len(unread) == len(cells) else "  ".join(unread)
                free.append(Line(text, line.indented))
        if free:
            candidates.append(Candidate(index, Block(block.kind, free, block.level,
                                                      block.number, block.boxed), False))
            reader.pending = None
    place_candidates(candidates, result, last_header, headless, fill)


def _read_line(reader: _HeaderReader, cells: list[str], new_block: bool) -> list[str]:
    """Read a line's cells into fields; returns the cells that are not header text.

    A line of one cell is all or nothing; a row of several cells (a header table, a
    footer) may hold a field next to text that fits none ("Box 22063  2016-10-20")."""
    result = reader.result
    if len(cells) == 1 or not all(cells):
        snapshot, state = _snapshot(result), reader.state()
        if all(reader.cell(cell, new_block=new_block and i == 0)
               for i, cell in enumerate(cells)):
            return []
        _restore(result, snapshot)
        reader.set_state(state)
        return cells
    unread = []
    for i, cell in enumerate(cells):
        snapshot, state = _snapshot(result), reader.state()
        if not reader.cell(cell, new_block=new_block and i == 0):
            _restore(result, snapshot)
            reader.set_state(state)
            unread.append(cell)
    if len(unread) == len(cells):
        return cells
    return unread


