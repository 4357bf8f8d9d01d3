"""`make bench`: the largest document the editor accepts (responses.content limits), rendered
to PDF and compared with a version where every fifth paragraph changed.

The work runs in a transaction that is rolled back. Returns seconds (wall clock).
"""

import time

from django.db import transaction

from responses.content import MAX_DOCUMENT_CHARS, MAX_SECTION_CHARS, MAX_SECTIONS
from responses.diff import section_pairs
from responses.pdf.bench import PARAGRAPH, _fixture
from responses.pdf.render import render_pdf


def largest_sections(variant: str = "") -> list[dict]:
    """Sections filling the document limit, each within the section limit."""
    per_section = min(MAX_SECTION_CHARS, MAX_DOCUMENT_CHARS // 4) - 200
    count = min(MAX_SECTIONS, MAX_DOCUMENT_CHARS // per_section)
    sections = []
    for number in range(count):
        paragraphs, size = [], 0
        while size + len(PARAGRAPH) <= per_section:
            index = len(paragraphs)
            text = PARAGRAPH
            if variant and index % 5 == 0:
                text = text.replace("positiv", f"{variant} {index}")
            paragraphs.append(text)
            size += len(text)
        sections.append({"key": f"s{number}", "kind": "synpunkter",
                         "heading": f"Avsnitt {number + 1}", "html": "".join(paragraphs)})
    return sections


def time_largest_document(*, render: bool = True, diff: bool = True) -> dict:
    """{"chars", "pages", "render_s", "diff_s"} for the largest accepted document (None for
    what was not asked for)."""
    from io import BytesIO

    from pypdf import PdfReader

    with transaction.atomic():
        (utlatande,), _user = _fixture(1, 4)
        utlatande.sections = largest_sections()
        utlatande.save()
        render_s = diff_s = pages = None
        if render:
            render_pdf(utlatande)  # a running worker is warm too: time the second render
            start = time.perf_counter()
            data = render_pdf(utlatande)
            render_s = time.perf_counter() - start
            pages = len(PdfReader(BytesIO(data)).pages)
        if diff:
            changed = largest_sections("negativ")
            start = time.perf_counter()
            section_pairs(utlatande.sections, changed)
            diff_s = time.perf_counter() - start
        chars = sum(len(s["html"]) for s in utlatande.sections)
        transaction.set_rollback(True)
    return {"chars": chars, "pages": pages, "render_s": render_s, "diff_s": diff_s}
