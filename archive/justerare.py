"""The justerare named at a justering, as (name, role) pairs for one signature each."""

import re

DEFAULT_ROLE = "Justerare"
_SEPARATORS = re.compile(r"\s*(?:[,;\n&]|\boch\b)\s*")
_WITH_ROLE = re.compile(r"^(?P<name>.+?)\s*\((?P<role>[^()]+)\)$")


def parse_justerare(text: str) -> list[tuple[str, str]]:
    """'Ulla Ek (ordförande) och Per Berg' -> [('Ulla Ek', 'Ordförande'), ('Per Berg',
    'Justerare')]. A name given twice is signed once."""
    people: list[tuple[str, str]] = []
    seen = set()
    for part in _SEPARATORS.split(text or ""):
        part = " ".join(part.split())
        if not part:
            continue
        match = _WITH_ROLE.match(part)
        name, role = (match["name"], match["role"].strip().capitalize()) if match \
            else (part, DEFAULT_ROLE)
        if name.casefold() not in seen:
            seen.add(name.casefold())
            people.append((name, role))
    return people
