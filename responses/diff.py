"""Readable word-level differences between two versions of a document (difflib)."""

import difflib
import html
import re

_BLOCK_END = re.compile(r"</(p|li|h3|h4|blockquote)>|<br\s*/?>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_TOKEN = re.compile(r"\s+|[^\s]+")


def html_to_text(value: str) -> str:
    """Sanitised section HTML as plain text with one line per block and • for list items."""
    text = _LIST_ITEM.sub("• ", value or "")
    text = _BLOCK_END.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


# Bounds that keep a comparison quick whatever was stored (old versions may predate the
# size limits): texts are compared paragraph by paragraph, words only inside changed
# paragraphs, and only while the word-level work stays within a budget.
MAX_DIFF_CHARS = 200_000
MAX_BLOCK_TOKENS = 2_000
WORD_BUDGET = 4_000_000
TRUNCATED = "\n[…]"


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in equal/delete/insert: paragraphs matched first, then words
    within changed paragraphs. Very long texts are compared up to MAX_DIFF_CHARS."""
    old, new = old or "", new or ""
    cut = len(old) > MAX_DIFF_CHARS or len(new) > MAX_DIFF_CHARS
    old, new = old[:MAX_DIFF_CHARS], new[:MAX_DIFF_CHARS]
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    result: list[tuple[str, str]] = []
    budget = WORD_BUDGET
    # Paragraphs repeated very often (hostile text) are not used as anchors (autojunk).
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if op == "equal":
            result.append(("equal", "".join(a[i1:i2])))
            continue
        old_block, new_block = "".join(a[i1:i2]), "".join(b[j1:j2])
        words_a, words_b = _TOKEN.findall(old_block), _TOKEN.findall(new_block)
        cost = len(words_a) * len(words_b)
        if (op == "replace" and len(words_a) <= MAX_BLOCK_TOKENS
                and len(words_b) <= MAX_BLOCK_TOKENS and cost <= budget):
            budget -= cost
            result.extend(_words(words_a, words_b))
        else:
            if old_block:
                result.append(("delete", old_block))
            if new_block:
                result.append(("insert", new_block))
    if cut:
        result.append(("equal", TRUNCATED))
    return _merged(result)


def _words(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    result = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.append(("equal", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                result.append(("delete", "".join(a[i1:i2])))
            if j2 > j1:
                result.append(("insert", "".join(b[j1:j2])))
    return result


def _merged(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Neighbouring pieces with the same op as one."""
    merged: list[tuple[str, str]] = []
    for op, text in parts:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def section_pairs(old_sections: list[dict], new_sections: list[dict]) -> list[dict]:
    """Sections of two versions matched by key (new order, removed ones last)."""
    old_by_key = {s["key"]: s for s in old_sections or []}
    new_keys = {s["key"] for s in new_sections or []}
    pairs = []
    for new in new_sections or []:
        old = old_by_key.get(new["key"])
        pairs.append(_pair(old, new))
    for old in old_sections or []:
        if old["key"] not in new_keys:
            pairs.append(_pair(old, None))
    return pairs


def _pair(old: dict | None, new: dict | None) -> dict:
    old_text = html_to_text(old["html"]) if old else ""
    new_text = html_to_text(new["html"]) if new else ""
    old_heading = old["heading"] if old else ""
    new_heading = new["heading"] if new else ""
    if old is None:
        status = "added"
    elif new is None:
        status = "removed"
    elif old_text == new_text and old_heading == new_heading:
        status = "same"
    else:
        status = "changed"
    return {"key": (new or old)["key"], "old": old, "new": new, "status": status,
            "heading": new_heading or old_heading,
            "heading_diff": word_diff(old_heading, new_heading),
            "diff": word_diff(old_text, new_text)}


def field_diffs(old: dict, new: dict, labels: dict) -> list[dict]:
    """Differences of the plain fields (title, stance, decision points ...)."""
    result = []
    for field, label in labels.items():
        a, b = _as_text(old.get(field)), _as_text(new.get(field))
        if a != b:
            result.append({"label": label, "diff": word_diff(a, b)})
    return result


def _as_text(value) -> str:
    if isinstance(value, list):
        return "\n".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v)
    return "" if value is None else str(value)
