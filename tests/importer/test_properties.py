"""Property: whatever the text, the parser keeps every word and never crashes.

Hyphenation at line ends is left out: rejoining "kvalitets-"/"utveckling" changes the
words on purpose and has tests of its own (test_parser.py, test_formats.py)."""

from hypothesis import example, given
from hypothesis import strategies as st

from responses.importer.parser import parse_text
from tests.hypothesis_profiles import examples

from .seeds import kept_words, words

WORDS = st.sampled_from([
    "Förvaltningen", "ställer", "sig", "positiv", "till", "programmet", "och", "Sammanfattning",
    "Ärendet", "Bilagor", "Till", "Handläggare:", "Telefon:", "08-508", "2021-10-19",
    "utveckling.", "•", "-", "1.", "2)", "Synpunkter:", "KS", "2021/866",
    "Anna", "Berg", "Förvaltningschef", "UTLÅTANDE", "  ", "(KS-dnr", "009-1322/2011).",
    "Förslag", "beslut", "Stadsarkivets", "synpunkter", "\uf0b7", "#", "##", "**",
    # The header's fields and page furniture (header.py, title.py, layout.py's debris).
    # Not "Sida": a line "Sida 2 (5)" is page debris on purpose, with tests of its own.
    "Dnr", "Dnr:", "Datum", "Tel", "+46", "den", "19", "oktober", "(2)", "Box",
    "104", "22", "Stockholm", "Stockholms", "stad", "UTKAST", "–", "version",
    "Kulturförvaltningen", "föreslår", "att", "nämnden", "beslutar", "Svar", "på",
    "remiss", "1.5.1-123/2016",
])
LINE = st.lists(WORDS, min_size=0, max_size=12).map(" ".join)
# No page breaks: page-edge debris (numbers, running headers) is removed on purpose and
# has tests of its own in test_parser.py.
SEPARATOR = st.sampled_from(["\n", "\n\n", "\n \n", "\n\n \n\n"])


@st.composite
def documents(draw):
    lines = draw(st.lists(LINE, min_size=1, max_size=40))
    out = []
    for line in lines:
        out.append(line)
        out.append(draw(SEPARATOR))
    return "".join(out)


@examples(1000)
@given(documents())
# Every input that ever failed, checked on every run:
@example("Handläggare: Förvaltningen och Förvaltningen\n")  # 2026-12-02: "och" was lost
@example("UTKAST\nUTKAST\n")  # 2026-12-02: a draft mark taken for a page's repeat
def test_no_word_lost_on_any_text(text):
    parsed = parse_text(text)
    parsed.to_json()
    assert kept_words(parsed) == words(text)
