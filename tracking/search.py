"""Full-text search over remisser and answers.

PostgreSQL: the `swedish` text search configuration (stemming: "remisserna" finds
"remiss"), ranked with ts_rank_cd, snippets from ts_headline, served by GIN indexes: on
the answers' stored search_vector (migration 0004) and on the remiss expression of
migration 0003 (which must stay identical to REMISS_DOCUMENT). Other databases: a plain
icontains fallback, unranked.
Every search starts from the selectors, so only what the user may read is searched.
"""

import html
import json
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, FloatField, Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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

# The stored, indexed vector of programs migration 0004 (title weight A, sections B).
UTLATANDE_DOCUMENT = '"responses_utlatande"."search_vector"'
REMISS_DOCUMENT = (
    "setweight(to_tsvector('swedish'::regconfig, coalesce(\"programs_remiss\".\"title\", '')), "
    "'A') || setweight(to_tsvector('swedish'::regconfig, "
    "coalesce(\"programs_remiss\".\"description\", '')), 'B')"
)
TSQUERY = "websearch_to_tsquery('swedish'::regconfig, %s)"
# Markers no document contains; replaced by <mark> after the text is escaped.
START, STOP = "\u27e6", "\u27e7"
HEADLINE_OPTIONS = (f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MinWords=6, "
                    "MaxWords=22, FragmentDelimiter=\" … \"")
UTLATANDE_TEXT = (
    "regexp_replace(coalesce((SELECT string_agg(s.value ->> 'html', ' ') FROM "
    "jsonb_array_elements(\"responses_utlatande\".\"sections\") AS s), ''), '<[^>]+>', ' ', 'g')"
)
REMISS_TEXT = "coalesce(\"programs_remiss\".\"description\", '')"


@dataclass
class Hit:
    obj: object
    rank: float
    snippet: SafeString


class Hits(list):
    """Hits best first; capped when only the most recent CANDIDATES matches were ranked."""

    def __init__(self, hits=(), capped: bool = False):
        super().__init__(hits)
        self.capped = capped


def clean_query(value: str) -> str:
    return " ".join((value or "").split())[:MAX_QUERY_LENGTH]


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def render_snippet(headline: str) -> SafeString:
    """Escape the headline text, then turn the markers into <mark>."""
    text = escape(html.unescape(" ".join((headline or "").split())))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _matching(qs, document: str, query: str):
    return qs.annotate(fts_match=RawSQL(f"({document}) @@ {TSQUERY}", [query],
                                        output_field=BooleanField())).filter(fts_match=True)


def _ranked(qs, document: str, query: str):
    return (_matching(qs, document, query)
            .annotate(fts_rank=RawSQL(f"ts_rank_cd({document}, {TSQUERY})", [query],
                                      output_field=FloatField()))
            .order_by("-fts_rank", "-pk"))


def _headlines(model, ids, text: str, query: str) -> dict[int, str]:
    """Snippets in a second query, only for the rows shown (ts_headline is costly)."""
    if not ids:
        return {}
    rows = model.objects.filter(pk__in=ids).annotate(
        headline=RawSQL(f"ts_headline('swedish'::regconfig, {text}, {TSQUERY}, %s)",
                        [query, HEADLINE_OPTIONS])).values_list("pk", "headline")
    return dict(rows)


def _fallback_snippet(text: str, query: str) -> SafeString:
    plain = html.unescape(" ".join(re.sub(r"<[^>]+>", " ", text).split()))
    index = plain.lower().find(query.lower())
    if index < 0:
        return escape(plain[:200])
    start = max(0, index - 80)
    part = plain[start:index + len(query) + 80]
    at = index - start
    return mark_safe(escape(part[:at]) + "<mark>" + escape(part[at:at + len(query)])  # noqa: S308
                     + "</mark>" + escape(part[at + len(query):]))


def search_utlatanden(user, query: str, limit: int = LIMIT) -> Hits:
    query = clean_query(query)
    if not query:
        return Hits()
    base = visible_utlatanden(user)
    if is_postgresql():
        candidates = list(_matching(base, UTLATANDE_DOCUMENT, query).order_by("-pk")
                          .values_list("pk", flat=True)[:CANDIDATES + 1])
        found = list(_ranked(Utlatande.objects.filter(pk__in=candidates[:CANDIDATES]),
                             UTLATANDE_DOCUMENT, query)
                     .select_related("organisation").defer("sections")[:limit])
        headlines = _headlines(Utlatande, [u.pk for u in found], UTLATANDE_TEXT, query)
        return Hits((Hit(u, u.fts_rank, render_snippet(headlines.get(u.pk, "")))
                     for u in found), capped=len(candidates) > CANDIDATES)
    escaped = json.dumps(query)[1:-1]
    found = base.filter(Q(title__icontains=query) | Q(sections__icontains=query)
                        | Q(sections__icontains=escaped)).order_by("-updated_at")[:limit]
    return Hits(Hit(u, 0.0, _fallback_snippet(
        " ".join(s.get("html", "") for s in u.sections or []) or u.title, query))
        for u in found)


def search_remisser(user, query: str, limit: int = LIMIT) -> list[Hit]:
    query = clean_query(query)
    if not query:
        return []
    base = visible_remisser(user)
    if is_postgresql():
        found = list(_ranked(base, REMISS_DOCUMENT, query)[:limit])
        headlines = _headlines(Remiss, [r.pk for r in found], REMISS_TEXT, query)
        return [Hit(r, r.fts_rank, render_snippet(headlines.get(r.pk, ""))) for r in found]
    found = base.filter(Q(title__icontains=query) | Q(description__icontains=query)
                        | Q(ks_dnr__icontains=query))[:limit]
    return [Hit(r, 0.0, _fallback_snippet(r.description or r.title, query)) for r in found]
