"""Signatories under the förslag till beslut: names with titles, in columns or stacked.

``Thomas Persson  Johanna Engman`` on one line with the titles below (two columns; a PDF
may lose the gap), or one name under the other, each title on one or two lines.
"""

import re

from . import headings as h
from .layout import HYPHENS, Block, Line, join_lines


def line_cells(line: Line) -> list[str]:
    return [c.strip() for c in re.split(r"\s{2,}", line.text.strip()) if c.strip()]


def signature_start(block: Block) -> bool:
    cells = line_cells(block.lines[0]) if block.lines else []
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


def _is_organisation(text: str) -> bool:
    return bool(h.ORGANISATION_RE.search(text)) and len(text.split()) <= 4 and \
        not h.starts_title(text.split()[0])


def parse_signatories(lines: list[Line]):
    """[{"name", "title"}] from name lines and title lines (one or several columns)."""
    signatories: list[dict] = []
    columns: list[dict] = []
    for index, line in enumerate(lines):
        cells = line_cells(line)
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
            if part and person["title"] and _is_organisation(part):
                # Under the title in a joint answer: the signatory's förvaltning.
                person["organisation"] = part
            elif part and person["title"].endswith(HYPHENS):
                person["title"] = join_lines([person["title"], part])  # "utbild-" "nings..."
            elif part and person["title"]:
                # A wrapped title continues in lower case; a new line in capitals is a role.
                glue = " " if part[:1].islower() else ", "
                person["title"] = f"{person['title']}{glue}{part}"
            elif part:
                person["title"] = part
    return signatories, []
