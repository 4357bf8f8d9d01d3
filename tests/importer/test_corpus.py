"""The generated corpus (tests/importer/corpus.py) passes field by field in every format.

Every test prints its per-field accuracy table. `make test` renders to PDF only the
variants that together cover every value of every dimension (about a quarter), to stay
fast; `make import-accuracy` (IMPORT_CORPUS=full) renders all of them.
"""

import os
import re
from collections import Counter

import pytest

from responses.importer.parser import parse_text
from responses.importer.readers import read_document

from . import corpus
from .seeds import kept_words, words

FULL = os.environ.get("IMPORT_CORPUS") == "full"


def hyphen_blind(text: str) -> Counter:
    """Words without hyphens: a PDF line-end hyphen cannot tell "bo-lag" from "bolag"."""
    text = re.sub(r"[-\u2010\u00ad]\s*[\n\f]\s*", "", text)
    return words(re.sub(r"[-\u2010\u00ad]", "", text))


def _text(fmt: str, variant) -> str:
    if fmt == "txt":
        return corpus.to_text(variant)
    data = {"docx": corpus.to_docx, "pdf-app": corpus.to_app_pdf,
            "pdf-plain": corpus.to_plain_pdf}[fmt](variant)
    return read_document(data, f"{variant.name}.{fmt[:4]}")[0]


def _without_running_lines(text: str, variant) -> str:
    """The PDF text as the parser should see it: the running footer once at the top, the
    running header on page 1 only, no page numbers; a word hyphenated over a page break
    then reads as one, as the parser joins it."""
    footer = " ".join(corpus.footer_line(variant).split())
    header = " ".join(f"{variant.forvaltningar()[0]}  Tjänsteutlåtande".split())
    kept = []
    for number, page in enumerate(text.split("\f")):
        kept += [line for line in page.split("\n")
                 if " ".join(line.split()) != footer
                 and (number == 0 or " ".join(line.split()) != header)
                 and not re.fullmatch(r"\s*Sida \d+ \(\d+\)\s*", line)]
    return footer + "\n\n" + re.sub(r"\n+(?=\S)", "\n", "\n".join(kept))


FORMATS = ("txt", "docx", "pdf-app", "pdf-plain")


@pytest.fixture(scope="module")
def variants():
    return corpus.variants()


def _table(fmt: str, counts: dict, total: int) -> str:
    lines = [f"Import accuracy, {fmt}: {total} documents",
             f"{'field':<16}{'right':>7}{'of':>5}{'accuracy':>10}"]
    for name in (*corpus.FIELDS, "words"):
        right = counts[name]
        lines.append(f"{name:<16}{right:>7}{total:>5}{right / total:>10.0%}")
    return "\n".join(lines)


@pytest.mark.parametrize("fmt", FORMATS)
def test_generated_corpus_field_by_field(fmt, variants, capsys):
    chosen = variants if fmt in ("txt", "docx") or FULL else corpus.covering(variants)
    counts = Counter()
    failures = []
    for variant in chosen:
        text = _text(fmt, variant)
        parsed = parse_text(text)
        got = corpus.actual(parsed)
        want = corpus.app_expected(variant) if fmt == "pdf-app" else variant.expected()
        for name in corpus.FIELDS:
            if corpus.same(name, got[name], want[name]):
                counts[name] += 1
            else:
                failures.append(f"{variant.name} {fmt} {name}: {got[name]!r} != {want[name]!r}")
        # The parser keeps every word it was given but page debris (repeated running
        # headers and footers, page numbers); no word of the document itself is lost.
        pdf = fmt.startswith("pdf")
        kept = hyphen_blind(parsed.as_text()) if pdf else kept_words(parsed)
        given = hyphen_blind(_without_running_lines(text, variant)) if pdf else words(text)
        invented = kept - given
        if fmt == "txt" and variant.date_at != "footer":
            invented = invented or given - kept
        source = corpus.content_text(variant) if fmt != "pdf-app" else ""
        missing = hyphen_blind(source) - hyphen_blind(parsed.as_text())
        if not invented and not missing:
            counts["words"] += 1
        else:
            failures.append(f"{variant.name} {fmt} words: lost {dict(missing)}, "
                            f"parser differs by {dict(invented)}")
    with capsys.disabled():
        print("\n" + _table(fmt, counts, len(chosen)))
    assert len(chosen) >= (80 if fmt in ("txt", "docx") else 16)
    assert not failures, "\n".join(failures[:40])
