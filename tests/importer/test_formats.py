"""The same seed as text, DOCX (python-docx) and PDF (WeasyPrint) gives the same document."""

import re
from collections import Counter

import pytest

from responses.importer.parser import parse_text
from responses.importer.readers import read_document

from .render import to_docx, to_pdf
from .seeds import SEEDS, assert_same_structure, seed_text, words


def hyphen_blind_words(text: str) -> Counter:
    """Words with hyphens removed: a line-end hyphen in PDF text cannot tell "bo-lag" from
    "bolag", so both sides are compared without them (a missed rejoin still shows)."""
    text = re.sub(r"[-\u2010\u00ad]\s*\n\s*", "", text)  # hyphenated at a line end
    return words(re.sub(r"[-\u2010\u00ad]", "", text))


@pytest.fixture(scope="module")
def rendered():
    cache = {}

    def render(name, fmt):
        if (name, fmt) not in cache:
            original = parse_text(seed_text(name))
            data = to_docx(original) if fmt == "docx" else to_pdf(original)
            text, _ = read_document(data, f"seed.{fmt}")
            cache[(name, fmt)] = (original, parse_text(text))
        return cache[(name, fmt)]

    return render


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("name", SEEDS)
def test_same_structure_as_text(rendered, name, fmt):
    original, parsed = rendered(name, fmt)
    assert parsed.title == original.title
    assert_same_structure(parsed, SEEDS[name])


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("name", SEEDS)
def test_same_sections_and_no_word_lost(rendered, name, fmt):
    original, parsed = rendered(name, fmt)
    for mine, theirs in zip(parsed.sections, original.sections, strict=True):
        assert mine.heading == theirs.heading
        assert hyphen_blind_words(mine.text) == hyphen_blind_words(theirs.text), mine.heading
    assert hyphen_blind_words(parsed.as_text()) == hyphen_blind_words(seed_text(name))


def test_pdf_page_numbers_removed_and_hyphenation_repaired(rendered):
    _, parsed = rendered("2011-utbildningsforvaltningen.txt", "pdf")
    text = parsed.as_text()
    assert "Sida" not in text
    assert "kvalitetsutveckling" in text and "kvalitetsut veckling" not in text
    assert "\u2010" not in text
