"""Full-text search over remisser and answers: one service, a backend per database.

The query language (programs.search_query) is the same everywhere: Swedish inflections
("remisserna" finds "remiss"), "phrases", -exclusion, prefix*, or. PostgreSQL searches
with its `swedish` configuration (programs.search_postgres); SQLite, the embedded
default, with FTS5 over the same Snowball stems (programs.search_sqlite). Both rank and
mark the hits in snippets. Every search starts from the selectors, so only what the user
may read is searched, counted or quoted.
"""

import html
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from programs import search_headline, search_postgres, search_query, search_sqlite
from programs.models import Remiss
from programs.selectors import visible_remisser
from responses.models import Utlatande
from responses.selectors import visible_utlatanden

MAX_QUERY_LENGTH = 200
LIMIT = 25
# A word found in most answers (the program's own name, say) is ranked among its most
# recent matches only: ranking reads each candidate's stored vector, so an unbounded
# ranking grows with the archive (1.3 s for 77 000 matches at ten years of data).
CANDIDATES = 1000
# Markers no document contains; replaced by <mark> after the text is escaped.
START, STOP = "\u27e6", "\u27e7"


@dataclass
class Hit:
    obj: object
    rank: float
    snippet: SafeString


class Hits(list):
    """Hits best first; `total` matches the reader may see (at most CANDIDATES), of which
    these are the best; capped when only the most recent CANDIDATES were ranked."""

    def __init__(self, hits=(), capped: bool = False, total: int | None = None):
        super().__init__(hits)
        self.capped = capped
        self.total = len(self) if total is None else total


def clean_query(value: str) -> str:
    return " ".join((value or "").split())[:MAX_QUERY_LENGTH]


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def render_snippet(headline: str) -> SafeString:
    """Escape ts_headline's text, then turn the markers into <mark>."""
    text = escape(html.unescape(" ".join((headline or "").split())))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _utlatande_text(utlatande: Utlatande) -> str:
    return " ".join(s.get("html", "") for s in utlatande.sections or [])


def _sqlite_ranked(base, index, parsed, limit: int) -> tuple[list[tuple[object, float]], int]:
    """The best `limit` of the most recent CANDIDATES matches the reader may see, and how
    many matches there are (CANDIDATES + 1 meaning more)."""
    candidates = list(base.filter(pk__in=index.matching_ids(search_query.to_fts5(parsed)))
                      .order_by("-pk").values_list("pk", flat=True)[:CANDIDATES + 1])
    scores = index.scores(candidates[:CANDIDATES], *parsed.highlighted())
    best = sorted(scores, key=lambda pk: (-scores[pk], -pk))[:limit]
    objects = base.in_bulk(best)
    return [(objects[pk], scores[pk]) for pk in best], len(candidates)


def search_utlatanden(user, query: str, limit: int = LIMIT) -> Hits:
    parsed = search_query.parse(clean_query(query))
    if not parsed:
        return Hits()
    base = visible_utlatanden(user)
    if is_postgresql():
        pg = search_postgres
        tsquery = search_query.to_tsquery(parsed)
        candidates = list(pg.matching(base, pg.UTLATANDE_DOCUMENT, tsquery).order_by("-pk")
                          .values_list("pk", flat=True)[:CANDIDATES + 1])
        found = list(pg.ranked(Utlatande.objects.filter(pk__in=candidates[:CANDIDATES]),
                               pg.UTLATANDE_DOCUMENT, tsquery)
                     .select_related("organisation").defer("sections")[:limit])
        headlines = pg.headlines(Utlatande, [u.pk for u in found], pg.UTLATANDE_TEXT, tsquery,
                                 pg.headline_options(START, STOP))
        return Hits((Hit(u, u.fts_rank, render_snippet(headlines.get(u.pk, "")))
                     for u in found), capped=len(candidates) > CANDIDATES,
                    total=min(len(candidates), CANDIDATES))
    found, total = _sqlite_ranked(base, search_sqlite.UTLATANDE, parsed, limit)
    marked = parsed.highlighted()
    return Hits((Hit(u, rank, search_headline.headline(_utlatande_text(u), *marked))
                 for u, rank in found), capped=total > CANDIDATES,
                total=min(total, CANDIDATES))


def search_remisser(user, query: str, limit: int = LIMIT) -> list[Hit]:
    parsed = search_query.parse(clean_query(query))
    if not parsed:
        return []
    base = visible_remisser(user)
    if is_postgresql():
        pg = search_postgres
        tsquery = search_query.to_tsquery(parsed)
        found = list(pg.ranked(base, pg.REMISS_DOCUMENT, tsquery)[:limit])
        headlines = pg.headlines(Remiss, [r.pk for r in found], pg.REMISS_TEXT, tsquery,
                                 pg.headline_options(START, STOP))
        return [Hit(r, r.fts_rank, render_snippet(headlines.get(r.pk, ""))) for r in found]
    found, _total = _sqlite_ranked(base, search_sqlite.REMISS, parsed, limit)
    marked = parsed.highlighted()
    return [Hit(r, rank, search_headline.headline(r.description or "", *marked))
            for r, rank in found]
