"""Snippets with the found words marked, for databases without ts_headline (SQLite).

Like PostgreSQL's ts_headline with the options of programs.search_postgres: at most two
fragments of at most MAX_WORDS words around the hits, joined by " … "; the start of the
text when the hit is elsewhere (in the title).
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import search_text

MAX_WORDS = 22
MAX_FRAGMENTS = 2
DELIMITER = " … "


def _is_hit(term: str, exact: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    return term in exact or any(term.startswith(p) for p in prefixes)


def headline(text: str, exact: frozenset[str], prefixes: tuple[str, ...] = ()) -> SafeString:
    """`text` is plain or HTML; the result is escaped HTML with <mark> around hits."""
    plain = " ".join(search_text.html_to_text(text).split())
    words, hits = [], set()  # words: (start, end) of each token that is not a part
    for token in search_text.tokens(plain):
        if words and token.start >= words[-1][0] and token.end <= words[-1][1]:
            if _is_hit(token.term, exact, prefixes):  # a part of a hyphenated word
                hits.add((token.start, token.end))
            continue
        words.append((token.start, token.end))
        if _is_hit(token.term, exact, prefixes):
            hits.add((token.start, token.end))
    if not words:
        return mark_safe("")  # noqa: S308
    hit_words = [i for i, (start, end) in enumerate(words)
                 if any(start <= s and e <= end for s, e in hits)]
    windows = []
    for i in hit_words:
        if len(windows) == MAX_FRAGMENTS:
            break
        if windows and i < windows[-1][1]:
            continue
        first = max(0, i - MAX_WORDS // 3)
        windows.append((first, min(len(words), first + MAX_WORDS)))
    windows = windows or [(0, min(len(words), MAX_WORDS))]
    fragments = []
    for first, last in windows:
        start, end = words[first][0], words[last - 1][1]
        if last == len(words):
            end = len(plain)
        fragments.append(_marked(plain, start, end, sorted(hits)))
    return mark_safe(DELIMITER.join(fragments))  # noqa: S308


def _marked(plain: str, start: int, end: int, hits: list[tuple[int, int]]) -> str:
    out, at = [], start
    for s, e in hits:
        if s < at or e > end:
            continue
        out.append(escape(plain[at:s]) + "<mark>" + escape(plain[s:e]) + "</mark>")
        at = e
    out.append(escape(plain[at:end]))
    return "".join(out)
