"""From extracted text to blocks: paragraphs, headings and list items with their lines.

Two kinds of input reach the parser:

- *plain* text (typed text, Markdown-like exports, our own DOCX/PDF readers): a blank line
  separates blocks, ``#`` marks an explicit heading, a form feed separates pages;
- *PDF-extracted* text as in the seeds: every printed line is followed by an empty line,
  a line holding only spaces is a paragraph break, a line with no empty line after it ends
  a text box (a heading, or the end of a paragraph) and a line starting with a space opens
  a new page.

Both end up as the same list of :class:`Block`; the repair of PDF artefacts (lines broken
mid-sentence, hyphenation, page numbers and running headers) happens here so the parser
only sees content. No word is dropped except page-break debris.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from .headings import known_heading

# Bullets as Word and PDF write them ("\uf0b7" etc. are Symbol/Wingdings glyphs).
BULLET_CHARS = "•\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf02d▪◦●○■□➢✓"
BULLET_RE = re.compile(rf"^\s*(?:([{BULLET_CHARS}])\s*|([-–*])\s+)(?=\S)")
NUMBER_RE = re.compile(r"^\s*(\d{1,2})[.)]\s+(?=\S)")
MD_HEADING_RE = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")
RULE_RE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
# Page numbers and the like, alone on a line at the top or bottom of a page.
PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:(?:sida|page|s\.)\s*)?[-–]?\s*\d{1,3}\s*(?:(?:\(|av|/|of)\s*\d{1,3}\)?)?\s*[-–]?\s*$",
    re.IGNORECASE)
EXPLICIT_PAGE_RE = re.compile(r"^\s*sida\s+\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|av\s+\d{1,3})?\s*$",
                              re.IGNORECASE)
# The app's own draft marking ("UTKAST – version 3"), a watermark repeated on every page.
DRAFT_MARK_RE = re.compile(r"^\s*(?:#+\s*)?UTKAST(?:\s*[–-]\s*(?i:version)\s+\d+)?\s*$")
# A footer line ending in its page number: "Kulturförvaltningen  Box 16113  Sida 1 (1)".
FOOTER_PAGE_RE = re.compile(r"\s{2,}sida\s+\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|av\s+\d{1,3})\s*$",
                            re.IGNORECASE)
# The lines of page 1 that hold its header.
FIRST_PAGE_HEADER = 40
# Lines at the top and bottom of a page searched for running headers and footers.
EDGE = 5
SENTENCE_END = (".", "!", "?", ":", ";", "”", '"', ")")
# Words that follow a dangling hyphen in Swedish coordination ("risk- och sårbarhetsanalys").
HYPHEN_KEEP_BEFORE = {"och", "eller", "samt", "respektive", "resp", "som", "till", "men"}
HYPHENS = ("-", "\u00ad", "\u2010", "\u2011")


@dataclass
class Line:
    text: str  # without trailing whitespace; inner spacing kept (signature columns)
    indented: bool = False  # started with whitespace (page top in PDF extracts, a column)


@dataclass
class Block:
    kind: str = "para"  # para | heading | bullet | number
    lines: list[Line] = field(default_factory=list)
    level: int = 0  # explicit heading level (Markdown #, Word style, PDF font); 0 = none
    number: str = ""  # "1" for a numbered item
    boxed: bool = False  # a text box of its own in a PDF extract (no spacing after it)

    @property
    def text(self) -> str:
        return join_lines([ln.text for ln in self.lines])

    @property
    def words(self) -> int:
        return len(self.text.split())


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one paragraph, rejoining words hyphenated at a line end."""
    out = ""
    for raw in lines:
        part = " ".join(raw.split())
        if not part:
            continue
        if not out:
            out = part
            continue
        if out.endswith(HYPHENS) and len(out) > 1:
            stem_char = out[-2]
            next_word = part.split()[0].strip(",.;:").lower()
            if stem_char.isdigit() or stem_char.isupper():
                # 009-\n1322/2011, ILS-\nwebb: a real hyphen, the line just broke after it.
                out = out[:-1] + "-" + part
                continue
            if stem_char.isalpha() and part[0].islower() and next_word not in HYPHEN_KEEP_BEFORE:
                out = out[:-1] + part  # kvalitets-\nutveckling
                continue
        out = out + " " + part
    return out.replace("\u00ad", "")


def _marker(text: str):
    """(kind, number, text without marker) for a list item line, else None."""
    match = NUMBER_RE.match(text)
    if match:
        return "number", match.group(1), text[match.end():]
    match = BULLET_RE.match(text)
    if match:
        return "bullet", "", text[match.end():]
    return None


def is_pdf_extract(raw_lines: list[str]) -> bool:
    """Every printed line followed by an empty line, short lines: the seeds' PDF extracts."""
    content = [i for i, line in enumerate(raw_lines) if line.strip()]
    if len(content) < 6:
        return False
    spaced = sum(1 for i in content if i + 1 < len(raw_lines) and raw_lines[i + 1] == ""
                 and i + 2 < len(raw_lines))
    # Sentences running on in lower case after an empty line: wrapped lines, not paragraphs.
    running = sum(1 for i in content if i >= 2 and raw_lines[i - 1] == ""
                  and raw_lines[i - 2].strip() and raw_lines[i].strip()[:1].islower())
    lengths = sorted(len(raw_lines[i].strip()) for i in content)
    return (spaced / len(content) > 0.5 and running / len(content) > 0.1
            and lengths[int(len(lengths) * 0.9)] <= 110)


def to_blocks(text: str) -> list[Block]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    raw_lines = text.split("\n")
    if is_pdf_extract(raw_lines):
        return _merge_continuations(_pdf_extract_blocks(raw_lines))
    return _merge_continuations(_plain_blocks(text))


# --- plain text -------------------------------------------------------------------------

def _debris_key(line: str) -> str:
    """A running header or footer compared without its page number ("Sida 2 (5)")."""
    text = " ".join(line.split()).lstrip("#").strip()  # "### Tjänsteutlåtande": bold on page 1
    return re.sub(r"(?:sida\s*)?\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|av\s+\d{1,3})", "#",
                  text, flags=re.IGNORECASE)


def _strip_page_debris(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and running headers/footers at the edges of pages.

    A running header stays on page 1 (there it is usually the real header: förvaltning,
    document type, dnr) and goes from the others; page 1's running footer moves to the top
    of the text, where the header is read (the date of some templates stands only there).
    A text without page breaks loses only explicit "Sida N (M)" lines.
    """
    edge = Counter()
    for page in pages:
        content = [_debris_key(ln) for ln in page if ln.strip()]
        for line in set(content[:EDGE] + content[-EDGE:]):
            edge[line] += 1
    repeated = {line for line, count in edge.items()
                if len(pages) > 1 and count >= max(2, len(pages) // 2 + 1)}
    number_re = PAGE_NUMBER_RE if len(pages) > 1 else EXPLICIT_PAGE_RE
    # Later pages' running headers and footers repeat the first page's header (förvaltning,
    # dnr, the title): at their edges such a line is debris even on a two-page document.
    first_page = set()
    for line in pages[0][:FIRST_PAGE_HEADER]:
        key = _debris_key(line)
        if known_heading(key):
            break  # the header ends where the first section begins
        if key:
            first_page.add(key)
    seen: set[str] = set()
    cleaned = []
    moved: list[str] = []  # the first page's running footer
    for number, page in enumerate(pages):
        idx = [i for i, ln in enumerate(page) if ln.strip()]
        top, bottom = set(idx[:EDGE]), set(idx[-EDGE:])
        numbers = set(idx[:3] + idx[-3:])
        kept = []
        for i, line in enumerate(page):
            key = _debris_key(line)
            if i in numbers and number_re.match(line) or \
                    i in top | bottom and EXPLICIT_PAGE_RE.match(line) and len(pages) > 1:
                continue
            if DRAFT_MARK_RE.match(line):
                # The draft watermark, drawn on every page: once, at the top, with the header.
                if key not in seen or len(pages) == 1:  # dropped only as a page's repeat
                    seen.add(key)
                    moved.append(line)
                continue
            if number > 0 and i in top | bottom and key in first_page and \
                    not line.lstrip().startswith("#"):
                continue
            if i in top | bottom and key in repeated and len(idx) > 1:
                if key in seen or number > 0:
                    continue
                if number == 0 and i in bottom and i not in top:
                    seen.add(key)
                    moved.append(line)
                    continue
            seen.add(key)
            kept.append(line)
        cleaned.append(kept)
    if len(pages) == 1:
        # One page: a last line that ends in its page number is the footer.
        page = cleaned[0]
        idx = [i for i, ln in enumerate(page) if ln.strip()]
        if len(idx) > 1 and FOOTER_PAGE_RE.search(page[idx[-1]]) and \
                not EXPLICIT_PAGE_RE.match(page[idx[-1]]):
            moved.append(page.pop(idx[-1]))
    if moved and cleaned:
        cleaned[0] = [*moved, "", *cleaned[0]]
    return cleaned


def _plain_blocks(text: str) -> list[Block]:
    pages = _strip_page_debris([page.split("\n") for page in text.split("\f")])
    blocks: list[Block] = []
    for page in pages:
        current: Block | None = None  # a page break ends a block; see _merge_continuations
        for raw in page:
            line = raw.rstrip()
            if not line.strip() or RULE_RE.match(line):
                current = None
                continue
            heading = MD_HEADING_RE.match(line)
            if heading:
                title = heading.group(2).strip().strip("*_").strip()
                blocks.append(Block("heading", [Line(title)], level=len(heading.group(1))))
                current = None
                continue
            marker = _marker(line)
            if marker:
                kind, number, rest = marker
                current = Block(kind, [Line(rest)], number=number)
                blocks.append(current)
            elif current is None:
                current = Block("para", [Line(line, line[:1].isspace())])
                blocks.append(current)
            else:
                current.lines.append(Line(line, line[:1].isspace()))
    return blocks


# --- PDF extracts (the seeds) ---------------------------------------------------------

def _pdf_extract_entries(raw_lines: list[str]):
    """(line, separator to the next line): soft, direct, page, hard or end."""
    entries = []
    n = len(raw_lines)
    i = 0
    while i < n:
        line = raw_lines[i]
        if not line.strip():
            i += 1
            continue
        j = i + 1
        empties = 0
        hard = False
        while j < n and not raw_lines[j].strip():
            if raw_lines[j] == "":
                empties += 1
            else:
                hard = True
            j += 1
        if j >= n:
            sep = "end"
        elif hard:
            sep = "hard"
        elif empties == 0:
            sep = "page" if raw_lines[j][:1].isspace() else "direct"
        elif empties == 1:
            sep = "soft"
        else:
            sep = "page"
        entries.append((line.rstrip(), sep))
        i = j
    return entries


def _pdf_extract_blocks(raw_lines: list[str]) -> list[Block]:
    entries = _pdf_extract_entries(raw_lines)
    lengths = sorted(len(text.strip()) for text, _ in entries) or [0]
    width = lengths[int(len(lengths) * 0.95)]
    blocks: list[Block] = []
    current: Block | None = None
    for index, (text, sep) in enumerate(entries):
        marker = _marker(text)
        line = Line(text, text[:1].isspace())
        if marker:
            kind, number, rest = marker
            current = Block(kind, [Line(rest, line.indented)], number=number)
            blocks.append(current)
        elif current is None:
            current = Block("para", [line])
            blocks.append(current)
        else:
            current.lines.append(line)
        if sep == "direct":
            current.boxed = True
        # Decide whether the next line continues this block.
        if sep in ("hard", "direct", "end"):
            current = None
        elif sep == "page":
            nxt = entries[index + 1][0].strip()
            if text.rstrip().endswith(SENTENCE_END) and nxt[:1].isupper():
                current = None
        elif sep == "soft" and current.kind == "para":
            nxt, nxt_sep = entries[index + 1]
            nxt = nxt.strip()
            first_word = nxt.split()[0] if nxt else ""
            starts_new = nxt[:1].isupper() or nxt[:1] in "”\"“"
            # The next word would have fitted on this line: the break was intended.
            fitted = len(text.strip()) + 1 + len(first_word) <= width * 0.97
            # A sentence ends and the next line is a text box of its own (a heading).
            boxed_next = nxt_sep == "direct" and text.rstrip().endswith((".", ":", "!", "?"))
            if starts_new and (fitted or boxed_next):
                current = None
    return blocks


def _merge_continuations(blocks: list[Block]) -> list[Block]:
    """A block starting in lower case after one that did not end a sentence continues it
    (a paragraph broken by a page or a text box)."""
    merged: list[Block] = []
    for block in blocks:
        prev = merged[-1] if merged else None
        first = block.lines[0].text.strip() if block.lines else ""
        if (prev is not None and block.kind == "para" and prev.kind in ("para", "bullet",
                                                                        "number")
                and first[:1].islower() and not prev.text.endswith((".", "!", "?", ":"))):
            prev.lines.extend(block.lines)
            prev.boxed = prev.boxed or block.boxed
            continue
        merged.append(block)
    return merged
