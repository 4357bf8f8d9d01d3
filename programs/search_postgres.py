"""Full-text search on PostgreSQL: the `swedish` text search configuration.

Ranked with ts_rank_cd, snippets from ts_headline, served by GIN indexes: on the
answers' stored search_vector (migration 0004) and on the remiss expression of migration
0006 (which must stay identical to REMISS_DOCUMENT, or the planner will not use it).
"""

from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

# The stored, indexed vector of programs migration 0004 (title weight A, sections B).
UTLATANDE_DOCUMENT = '"responses_utlatande"."search_vector"'
# Title and diarienummer weight A, description B.
REMISS_DOCUMENT = (
    "setweight(to_tsvector('swedish'::regconfig, coalesce(\"programs_remiss\".\"title\", '') "
    "|| ' ' || coalesce(\"programs_remiss\".\"ks_dnr\", '')), 'A') || "
    "setweight(to_tsvector('swedish'::regconfig, "
    "coalesce(\"programs_remiss\".\"description\", '')), 'B')"
)
# The query comes from programs.search_query.to_tsquery; PostgreSQL stems its words.
TSQUERY = "to_tsquery('swedish'::regconfig, %s)"
UTLATANDE_TEXT = (
    "regexp_replace(coalesce((SELECT string_agg(s.value ->> 'html', ' ') FROM "
    "jsonb_array_elements(\"responses_utlatande\".\"sections\") AS s), ''), '<[^>]+>', ' ', 'g')"
)
REMISS_TEXT = "coalesce(\"programs_remiss\".\"description\", '')"


def headline_options(start: str, stop: str) -> str:
    return (f"StartSel={start}, StopSel={stop}, MaxFragments=2, MinWords=6, "
            "MaxWords=22, FragmentDelimiter=\" … \"")


def matching(qs, document: str, tsquery: str):
    return qs.annotate(fts_match=RawSQL(f"({document}) @@ {TSQUERY}", [tsquery],
                                        output_field=BooleanField())).filter(fts_match=True)


def ranked(qs, document: str, tsquery: str):
    return (matching(qs, document, tsquery)
            .annotate(fts_rank=RawSQL(f"ts_rank_cd({document}, {TSQUERY})", [tsquery],
                                      output_field=FloatField()))
            .order_by("-fts_rank", "-pk"))


def headlines(model, ids, text: str, tsquery: str, options: str) -> dict[int, str]:
    """Snippets in a second query, only for the rows shown (ts_headline is costly)."""
    if not ids:
        return {}
    rows = model.objects.filter(pk__in=ids).annotate(
        headline=RawSQL(f"ts_headline('swedish'::regconfig, {text}, {TSQUERY}, %s)",
                        [tsquery, options])).values_list("pk", "headline")
    return dict(rows)
