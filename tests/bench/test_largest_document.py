"""The benchmark's largest document is the largest the editor accepts: it passes the
limits, fills them, and renders and compares (the timing itself is `make bench`'s)."""

import pytest

from bench.largest_document import largest_sections, time_largest_document
from responses.content import MAX_DOCUMENT_CHARS, validate_sections


def test_the_largest_document_is_accepted_and_fills_the_limit():
    sections = largest_sections()
    validate_sections(sections)
    validate_sections(largest_sections("negativ"))
    size = sum(len(s["html"]) + len(s["heading"]) for s in sections)
    assert size > MAX_DOCUMENT_CHARS * 0.95


@pytest.mark.django_db
def test_the_benchmark_compares_it(settings, tmp_path):
    # The render (about 45 pages) is timed by make bench only: too slow for the suite.
    result = time_largest_document(render=False)
    assert result["chars"] > MAX_DOCUMENT_CHARS * 0.9 and result["diff_s"] > 0
    assert result["render_s"] is None
