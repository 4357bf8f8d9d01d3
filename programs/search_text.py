"""Swedish text analysis for full-text search outside PostgreSQL.

It imitates PostgreSQL's `swedish` text search configuration, so that SQLite (FTS5)
finds what PostgreSQL finds: the same tokens (words, hyphenated words with their parts,
numbers, diarienummer such as 2021/866, e-mail and host names), lower-cased, the same
Snowball stemmer ("remisserna" → "remiss") and the same stop words. Stop words stay in
the token stream (a phrase's positions must not shift) and are never searched alone.
"""

import html
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# PostgreSQL's tsearch_data/swedish.stop (from the Snowball project), in its order.
STOP_WORDS = frozenset("""
och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under
någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli
blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom
mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra
ert era vilkas
""".split())

STOP = "_"
_WORD = r"[^\W_]"
# Alternatives in the order PostgreSQL's parser prefers them. Like PostgreSQL, dotted and
# slashed tokens (hosts, file names, 3.2, diarienummer 2021/866) are ASCII only.
_TOKEN = re.compile(
    rf"(?P<email>{_WORD}[\w.+-]*@{_WORD}+(?:[.-]{_WORD}+)*\.[^\W\d_]{{2,}})"
    r"|(?P<file>[A-Za-z0-9]+(?:[./][A-Za-z0-9]+)+|(?:/[A-Za-z0-9]+)+)"
    r"|(?P<signed>(?<=\d)-\d+\b)"
    r"|(?P<hword>[^\W\d_]+(?:-[^\W\d_]+)+)"
    rf"|(?P<word>{_WORD}+)"
)
_TAG = re.compile(r"<[^>]*>")
_stemmer = snowballstemmer.stemmer("swedish")


@dataclass(frozen=True)
class Token:
    """One searchable token: its normalised form and where it stands in the text."""

    term: str
    start: int
    end: int


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of one lower-case word; numbers are kept as is, and a stop word
    gets the STOP mark, so that it holds its place but is never found by a stem
    ("själva" → "själv", while the stop word "själv" is "_själv")."""
    if word in STOP_WORDS:
        return STOP + word
    if any(c.isdigit() for c in word):
        return word
    return _stemmer.stemWord(word)


def tokens(text: str) -> Iterator[Token]:
    """The tokens of plain text, in order; a hyphenated word is followed by its parts."""
    for match in _TOKEN.finditer(text or ""):
        kind, value = match.lastgroup, match.group().lower()
        if kind in ("word", "hword"):
            yield Token(stem(value), match.start(), match.end())
        else:
            yield Token(value, match.start(), match.end())
        if kind == "hword":
            at = match.start()
            for part in value.split("-"):
                yield Token(stem(part), at, at + len(part))
                at += len(part) + 1


def terms(text: str) -> list[str]:
    return [t.term for t in tokens(text)]


def html_to_text(value: str) -> str:
    """Markup as text: tags become spaces, entities characters, and composed (NFC), so
    that "ö" typed as o + ¨ is the letter ö."""
    return unicodedata.normalize("NFC", html.unescape(_TAG.sub(" ", value or "")))


def json_strings(value) -> Iterator[str]:
    """Every string in a JSON value, keys excluded (PostgreSQL's jsonb_to_tsvector with
    '["string"]'), objects in jsonb's key order: shorter keys first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)
    elif isinstance(value, dict):
        for key in sorted(value, key=lambda k: (len(k.encode()), k.encode())):
            yield from json_strings(value[key])


def indexed_text(text: str) -> str:
    """What the full-text index stores for a text: its terms, space separated."""
    return " ".join(terms(html_to_text(text)))


def indexed_json(value: str | None) -> str:
    """The same for a JSON column (stored as text on SQLite)."""
    try:
        data = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return ""
    return " ".join(indexed_text(s) for s in json_strings(data))


def indexed_names(value: str | None) -> str:
    """The "name" of every item of a JSON list (handläggare, signatories)."""
    try:
        data = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return ""
    if not isinstance(data, list):
        return ""
    return " ".join(indexed_text(item["name"]) for item in data
                    if isinstance(item, dict) and isinstance(item.get("name"), str))
