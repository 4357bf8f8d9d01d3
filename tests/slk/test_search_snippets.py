"""Snippet rendering: PostgreSQL's ts_headline markers, and the SQLite headline."""

from programs import search_headline, search_query
from tracking import search


def test_render_snippet_escapes_text_and_marks_hits():
    headline = f"a &lt;b&gt; {search.START}remissen{search.STOP} <img src=x onerror=1>"
    html = search.render_snippet(headline)
    assert "<mark>remissen</mark>" in html
    assert "<img" not in html and "&lt;img" in html


def _headline(text, query):
    return search_headline.headline(text, *search_query.parse(query).highlighted())


def test_headline_marks_inflected_forms_and_strips_tags():
    html = _headline("<p>Förvaltningen <strong>tillstyrker</strong> programmet &amp; "
                     "planen.</p>", "TILLSTYRKA")
    assert html == "Förvaltningen <mark>tillstyrker</mark> programmet &amp; planen."


def test_headline_marks_prefixes_and_parts_of_hyphenated_words():
    html = _headline("Kvalitetsarbetet i kommun-styrelsen och kvaliteten.", "kvalitet* styrelsen")
    assert html == ("<mark>Kvalitetsarbetet</mark> i kommun-<mark>styrelsen</mark> och "
                    "<mark>kvaliteten</mark>.")


def test_headline_shows_two_fragments_around_the_hits():
    words = [f"ord{i}" for i in range(200)]
    words[20], words[150] = "biblioteken", "biblioteks"
    html = _headline(" ".join(words), "bibliotek")
    first, second = html.split(search_headline.DELIMITER)
    assert "<mark>biblioteken</mark>" in first and "<mark>biblioteks</mark>" in second
    assert len(first.split()) == search_headline.MAX_WORDS


def test_headline_without_a_hit_is_the_start_of_the_text():
    html = _headline("<p>Ärendet & <b>bakgrunden</b></p>", "rubrikord")
    assert html == "Ärendet &amp; bakgrunden"


def test_clean_query_limits_length_and_whitespace():
    assert search.clean_query("  remiss\n\t svar ") == "remiss svar"
    assert len(search.clean_query("x" * 1000)) == search.MAX_QUERY_LENGTH
