"""Snippet rendering, shared by the PostgreSQL path and the SQLite fallback."""

from tracking import search


def test_render_snippet_escapes_text_and_marks_hits():
    headline = f"a &lt;b&gt; {search.START}remissen{search.STOP} <img src=x onerror=1>"
    html = search.render_snippet(headline)
    assert "<mark>remissen</mark>" in html
    assert "<img" not in html and "&lt;img" in html


def test_fallback_snippet_marks_the_first_hit_and_strips_tags():
    html = search._fallback_snippet("<p>Förvaltningen <strong>tillstyrker</strong> "
                                    "programmet &amp; planen.</p>", "TILLSTYRKER")
    assert html == "Förvaltningen <mark>tillstyrker</mark> programmet &amp; planen."


def test_clean_query_limits_length_and_whitespace():
    assert search.clean_query("  remiss\n\t svar ") == "remiss svar"
    assert len(search.clean_query("x" * 1000)) == search.MAX_QUERY_LENGTH
