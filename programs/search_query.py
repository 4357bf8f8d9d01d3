"""The search box's query language, read once and written for either database.

Words are all required; `"två ord"` is a phrase; `-ord` or `-"en fras"` excludes;
`kvalitet*` matches the start of a word; `or` between words offers alternatives
(`a b or c` is (a and b) or c, as in PostgreSQL's websearch_to_tsquery). Stop words
("och", "att" ...) are never searched on their own. A group with nothing but exclusions
finds nothing, on every database.
"""

import re
import unicodedata
from dataclasses import dataclass

from . import search_text

# A phrase in quotes (the closing quote may be missing), or a run of other characters.
_CHUNK = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# What PostgreSQL's to_tsquery is given: word characters and the joiners of dnr and hosts.
_UNSAFE = re.compile(r"[^\w./@+-]+")


@dataclass(frozen=True)
class Term:
    """A word or phrase of the query, with the tokens it stands for."""

    text: str  # as the user wrote it, cleaned: for PostgreSQL, which analyses it itself
    tokens: tuple[str, ...]  # analysed here: for SQLite's FTS5 index
    negated: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    """Alternatives (or), each a list of terms that must all hold."""

    groups: tuple[tuple[Term, ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    def highlighted(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """The stems to mark in a snippet, and the prefixes."""
        exact, prefixes = set(), []
        for group in self.groups:
            for term in group:
                if term.negated:
                    continue
                if term.prefix:
                    prefixes.append(term.tokens[0])
                else:
                    exact.update(t for t in term.tokens if not t.startswith(search_text.STOP))
        return frozenset(exact), tuple(prefixes)


def _term(text: str, *, negated: bool, prefix: bool) -> Term | None:
    text = _UNSAFE.sub(" ", text).strip(" -")
    tokens = [t.term for t in search_text.tokens(text)]
    # Like PostgreSQL, stop words at either end of a phrase are dropped, inner ones kept.
    while tokens and tokens[0].startswith(search_text.STOP):
        tokens.pop(0)
    while tokens and tokens[-1].startswith(search_text.STOP):
        tokens.pop()
    if not tokens:
        return None
    return Term(text=text, tokens=tuple(tokens), negated=negated,
                prefix=prefix and len(tokens) == 1)


def parse(value: str) -> Query:
    value = unicodedata.normalize("NFC", value or "")
    groups, group = [], []
    for match in _CHUNK.finditer(value):
        minus, phrase, word = match.groups()
        if word is not None:
            if word.lower() == "or":
                groups.append(group)
                group = []
                continue
            negated = word.startswith("-")
            prefix = word.endswith("*")
            term = _term(word.strip("*").lstrip("-"), negated=negated, prefix=prefix)
        else:
            term = _term(phrase, negated=bool(minus), prefix=False)
        if term is not None:
            group.append(term)
    groups.append(group)
    return Query(tuple(tuple(g) for g in groups if any(not t.negated for t in g)))


def to_tsquery(query: Query) -> str:
    """Input for to_tsquery('swedish', ...): PostgreSQL stems each quoted value itself."""
    def term(t: Term) -> str:
        text = f"'{t.text}'" + (":*" if t.prefix else "")
        return f"!{text}" if t.negated else text

    return " | ".join("(" + " & ".join(term(t) for t in group) + ")"
                      for group in query.groups)


def to_fts5(query: Query) -> str:
    """An FTS5 MATCH expression over the analysed tokens."""
    def phrase(t: Term) -> str:
        return '"' + " ".join(t.tokens) + '"' + ("*" if t.prefix else "")

    parts = []
    for group in query.groups:
        wanted = " AND ".join(phrase(t) for t in group if not t.negated)
        unwanted = "".join(f" NOT {phrase(t)}" for t in group if t.negated)
        parts.append(f"(({wanted}){unwanted})")
    return " OR ".join(parts)
