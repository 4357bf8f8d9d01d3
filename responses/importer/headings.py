"""What a line of a tjänsteutlåtande is: a known heading, a header label, a name, a title."""

import datetime
import re

from responses.content import SectionKind

# Internal kinds next to SectionKind: the decision block and the list of bilagor.
BESLUT = "beslut"
BILAGOR = "bilagor"

_PREFIX = r"(?:[\wåäöÅÄÖéÉ-]+s\s+)?"  # "Kulturförvaltningens ", "Stadsarkivets ", "Bolagets "
KNOWN_HEADINGS = [
    (rf"{_PREFIX}förslag till (?:[\wåäö-]+s\s+)?beslut", BESLUT),
    # "Rinkeby-Kista stadsdelsförvaltning föreslår att nämnden beslutar"
    (r"(?:[\wåäöéÅÄÖÉ-]+\s+){1,3}föreslår\s+att\s+(?:[\wåäöéÅÄÖÉ-]+\s+)?"
     r"[\wåäö-]*(?:nämnden|styrelsen)\s+beslutar(?:\s+följande)?", BESLUT),
    (r"sammanfattning", SectionKind.SAMMANFATTNING),
    (r"underlag för beslut|beslutsunderlag", SectionKind.UNDERLAG),
    (r"ärendets beredning|beredning(?:en)?(?: av ärendet)?", SectionKind.BEREDNING),
    (r"ärendet|remissen|ärendebeskrivning|remissens innehåll|ärendet och remissen",
     SectionKind.ARENDET),
    (r"bakgrund(?:\s+(?:och|till)\s+[\wåäö ]{1,40})?", SectionKind.BAKGRUND),
    (rf"{_PREFIX}synpunkter(?:\s+och\s+(?:förslag|bedömning))?|{_PREFIX}bedömning",
     SectionKind.SYNPUNKTER),
    (rf"{_PREFIX}förslag", SectionKind.FORSLAG),
    (r"bilag(?:a|or)(?:\s+\d+)?|bilageförteckning", BILAGOR),
]
_known = [(re.compile(rf"^\s*(?:{pattern})\s*:?\s*$", re.IGNORECASE), kind)
          for pattern, kind in KNOWN_HEADINGS]


def known_heading(text: str) -> str | None:
    """The kind of a known heading, or None."""
    text = text.strip().strip("*_").strip()
    if len(text) > 80:
        return None
    for pattern, kind in _known:
        if pattern.match(text):
            return kind
    return None


def is_bare_synpunkter(text: str) -> bool:
    """"Synpunkter:" without an owner: a sub-heading inside a synpunkter section."""
    return text.strip().rstrip(":").strip().lower() == "synpunkter"


# --- header ---------------------------------------------------------------------------

# Header label → field (read in header.py). A label starts a cell, or stands inside one
# followed by a colon (or, for a telephone label, by the number itself).
LABELS = {
    "handlaggare": r"handläggare",
    "telefon": r"telefon|tel\.?|tfn",
    "till": r"till",
    "dnr": r"(?:vårt\s+)?(?:dnr|diarienummer|diarienr)\.?",
    "datum": r"datum",
}
_ANY_LABEL = "|".join(f"(?P<{name}>{pattern})" for name, pattern in LABELS.items())
CELL_LABEL_RE = re.compile(rf"^(?:{_ANY_LABEL})(?![\wåäöÅÄÖ])\s*:?\s*", re.IGNORECASE)
DOCTYPE_RE = re.compile(r"^(?:tjänsteutlåtande|utlåtande|yttrande|promemoria|pm)$",
                        re.IGNORECASE)
AVDELNING_RE = re.compile(r"(?:^avdelning|avdelningen\b|staben$|enheten$|^enheten\b)",
                          re.IGNORECASE)
ORGANISATION_RE = re.compile(r"(?:förvaltning(?:en)?|nämnd(?:en)?|kontoret|stadsarkivet|"
                             r"\bAB|styrelsen)\s*$", re.IGNORECASE)
PHONE_RE = re.compile(r"^\+?[\d][\d\s()-]{5,}\d$")
TITLE_CONTINUATION_RE = re.compile(r"^(?:svar på remiss|remiss från|remissvar)", re.IGNORECASE)

MONTHS = {name: i for i, name in enumerate(
    ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
     "oktober", "november", "december"], start=1)}
ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
SV_DATE_RE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)


def parse_date(text: str) -> datetime.date | None:
    match = ISO_DATE_RE.search(text)
    try:
        if match:
            return datetime.date(*(int(g) for g in match.groups()))
        match = SV_DATE_RE.search(text)
        if match:
            return datetime.date(int(match.group(3)), MONTHS[match.group(2).lower()],
                                 int(match.group(1)))
    except ValueError:
        return None
    return None


def is_date_only(text: str) -> bool:
    stripped = text.strip().rstrip(".")
    return bool(ISO_DATE_RE.fullmatch(stripped) or SV_DATE_RE.fullmatch(stripped))


# KS 2021/866, KS-dnr 009-1322/2011, KS-dnr-009-1322/2011, (a rotel's) 174-742/2016
KS_DNR_RE = re.compile(r"(?P<ks>KS(?:[- ]?dnr)?[- :]*)?(?P<num>\b\d{3}-\d{1,6}/\d{4}\b|"
                       r"\b\d{4}/\d{1,6}\b)", re.IGNORECASE)


def find_ks_dnr(text: str, *, require_ks: bool = False) -> str | None:
    """The KS diarienummer in a text, written the way programs.dnr accepts it."""
    for match in KS_DNR_RE.finditer(text or ""):
        num = match.group("num")
        if match.group("ks"):
            return f"KS-dnr {num}" if "-" in num.split("/")[0] else f"KS {num}"
        if not require_ks and "-" in num.split("/")[0]:
            return num
    return None


def dnr_core(value: str) -> str:
    """The number part of a KS dnr, for comparing "KS-dnr-009-1322/2011" with "009-1322/2011"."""
    match = KS_DNR_RE.search(value or "")
    return match.group("num") if match else (value or "").strip()


# --- signatories ----------------------------------------------------------------------

# Parts of titles and units: a line containing one is not a person's name.
TITLE_WORDS = ("direktör", "chef", "arkivarie", "sekreterare", "ordförande", "handläggare",
               "strateg", "utredare", "samordnare", "controller", "jurist", "förvaltning",
               "avdelning", "nämnd", "ansvarig", "ledare", "rådgivare", "specialist",
               "konsult", "kontoret")
TITLE_TOKENS = {"vd", "bitr", "biträdande", "tf", "stab", "staben", "enheten", "stad"}
NAME_PARTICLES = {"af", "av", "von", "van", "de", "der", "la", "le", "di", "da"}
NAME_TOKEN_RE = re.compile(r"^[A-ZÅÄÖÉÜ][\wåäöéü'’]*(?:-[A-ZÅÄÖÉÜ][\wåäöéü'’]*)?\.?$")


def is_name(text: str) -> bool:
    """A person's name: two to four capitalised words, no digits, no title words."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 4 or any(ch.isdigit() for ch in text):
        return False
    lower = text.lower()
    if any(word in lower for word in TITLE_WORDS) or \
            any(t.lower().strip(".") in TITLE_TOKENS for t in tokens):
        return False
    return all(NAME_TOKEN_RE.match(t) or t in NAME_PARTICLES for t in tokens) and \
        NAME_TOKEN_RE.match(tokens[0]) is not None


def starts_title(word: str) -> bool:
    lower = word.lower()
    return word[:1].isupper() and (lower in TITLE_TOKENS or lower in {"chef", "administrativ"}
                                   or any(lower.endswith(w) for w in TITLE_WORDS))
