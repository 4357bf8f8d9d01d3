"""Text of a tjänsteutlåtande → its structure (header, förslag till beslut, sections, bilagor).

``parse_text(text)`` returns a :class:`ParsedUtlatande`; ``to_json()`` gives the contract of
``import_utlatande --dry-run --format json`` (docs/importer.md). The parser never drops
text: what it cannot place is kept as free text in a section and named in the report.

The work is split by concern: layout.py (text → blocks, PDF artefacts), header.py (fields),
title.py, body.py (sections, decision points, bilagor), signatories.py, model.py.
"""

from .body import fill, first_heading, parse_body
from .header import parse_header
from .layout import to_blocks
from .model import BY_GUESS, BY_PATTERN, ParsedUtlatande, Section
from .signatories import parse_signatories
from .title import find_dnr

__all__ = ["ParsedUtlatande", "Section", "parse_signatories", "parse_text"]


def parse_text(text: str) -> ParsedUtlatande:
    blocks = to_blocks(text)
    result = ParsedUtlatande()
    start = first_heading(blocks)
    if start is None:
        parse_header(blocks, result, headless=True, fill=fill)
        return _finish(result)
    parse_header(blocks[:start], result, fill=fill)
    parse_body(blocks[start:], result)
    return _finish(result)


def _finish(result: ParsedUtlatande) -> ParsedUtlatande:
    find_dnr(result)
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
    confidence = result.confidence
    if result.decision_points:
        numbered = not any("numrering" in m for k, m in result.report if k == "guessed")
        confidence["decision_points"] = 1.0 if numbered else BY_GUESS
    if result.signatories:
        confidence["signatories"] = BY_PATTERN
    if result.handlaggare and not all(p["name"] for p in result.handlaggare):
        confidence["handlaggare"] = BY_GUESS
    return result
