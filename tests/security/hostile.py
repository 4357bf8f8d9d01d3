"""Hostile strings for property-based tests: markup and script, SQL-like text, template
syntax, control characters and NUL, right-to-left overrides, emoji, megabyte values, huge
numbers, far and impossible dates, and random text."""

from hypothesis import strategies as st

# Markers that must never come back unescaped: each is the dangerous part of a payload below.
MARKERS = ("<script>alert(", "<img src=x onerror", "<svg/onload", "<iframe src=")

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "javascript:alert(document.cookie)",
    "'; DROP TABLE responses_utlatande; --",
    "1 OR 1=1",
    "{{ request.user.password }}{% debug %}",
    "%s%s%n ${7*7}",
    "../../../../etc/passwd",
    "\u202eTXT.EXE\u202c \u200f\u200e",
    "\x00\x01\x07\x1b[31m\x7f",
    "😀👩‍👩‍👧 Åäö ŁØ ß 中文",
    "A" * 20_000,
    " ",
    "",
    # Issue 19: NUL, Word field codes, bidi overrides, megabyte strings, huge numbers,
    # dates far away and impossible ones.
    "Text\x00med NUL",
    "Se \x13 REF _Ref1 \\h \x14 2.1\x15 och \x0b\x0c\x1f",
    "\u202e\u2066\u2067\u2068\u2069\u061c abc",
    "<p>" + "Lång text. " * 95_000 + "</p>",
    "x" * 1_000_000,
    "9" * 400,
    "-1",
    "1e308",
    "18446744073709551617",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "1899-12-31T25:61",
]

hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=300),
    st.builds(lambda a, payload, b: a + payload + b,
              st.text(max_size=30), st.sampled_from(PAYLOADS), st.text(max_size=30)),
)


def reflected_markers(value: str, body: bytes) -> list[str]:
    """Markers that were sent in value and came back raw in the response body."""
    text = body.decode("utf-8", "replace")
    return [marker for marker in MARKERS if marker in value and marker in text]
