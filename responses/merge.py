"""Three-way merge of two editors' versions of one draft, from the version both started at.

What only one side changed is taken from that side (fields, sections, added and removed
sections); what both changed differently is a conflict, offered to the person for a
choice with their own text filled in. Sections are matched by their stable key.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .editing import EDITABLE_FIELDS, editable_snapshot

# Compared per section: what a person edits.
_SECTION_PARTS = ("heading", "html")


@dataclass
class MergeResult:
    merged: dict
    # Field names both changed differently (the merged value is "mine").
    conflict_fields: list[str] = field(default_factory=list)
    # Section keys both changed differently, or changed by one and removed by the other.
    conflict_sections: list[str] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.conflict_fields and not self.conflict_sections


def _pick(base, theirs, mine):
    """(value, conflict?) for one value."""
    if mine == theirs or mine == base:
        return theirs, False
    if theirs == base:
        return mine, False
    return mine, True


def _section_content(section: dict | None):
    return None if section is None else tuple(section.get(p, "") for p in _SECTION_PARTS)


def merge_sections(base: list[dict] | None, theirs: list[dict], mine: list[dict]):
    """(merged sections, conflicting keys). With no base every difference conflicts."""
    base_by = {s["key"]: s for s in base or []}
    theirs_by = {s["key"]: s for s in theirs}
    mine_by = {s["key"]: s for s in mine}
    kept: dict[str, dict] = {}
    conflicts: list[str] = []
    for key in [*theirs_by, *(k for k in mine_by if k not in theirs_by)]:
        b, t, m = base_by.get(key), theirs_by.get(key), mine_by.get(key)
        bc, tc, mc = _section_content(b), _section_content(t), _section_content(m)
        if t is not None and m is not None:
            # In both: the side that changed it wins; both changed it differently: mine.
            chosen, conflict = (t, False) if tc == mc or mc == bc else (
                (m, False) if tc == bc else (m, True))
        elif b is None:
            # Added by one side.
            chosen, conflict = t or m, False
        else:
            # Removed by one side: gone, unless the other changed it meanwhile.
            present, content = (t, tc) if t is not None else (m, mc)
            chosen, conflict = (None, False) if content == bc else (present, True)
        if chosen is not None:
            kept[key] = chosen
        if conflict:
            conflicts.append(key)
    order = _merged_order([s["key"] for s in base or []], [s["key"] for s in theirs],
                          [s["key"] for s in mine], set(kept))
    return [kept[k] for k in order], conflicts


def _merged_order(base: list[str], theirs: list[str], mine: list[str], kept: set[str]):
    """The order of the side that reordered the common sections (mine if both), with the
    other side's new sections placed after the section they follow there."""
    common = [k for k in base if k in theirs and k in mine]

    def relative(order):
        return [k for k in order if k in common]

    primary, other = (mine, theirs) if relative(mine) != common else (theirs, mine)
    order = [k for k in primary if k in kept]
    for index, key in enumerate(other):
        if key in order or key not in kept:
            continue
        before = next((k for k in reversed(other[:index]) if k in order), None)
        order.insert(order.index(before) + 1 if before else 0, key)
    return order


def merge_documents(*, base: dict | None, theirs: dict, mine: dict) -> MergeResult:
    """Merge editable snapshots (editing.editable_snapshot); `mine` may hold a subset."""
    merged, conflict_fields = {}, []
    for name in EDITABLE_FIELDS:
        if name == "sections":
            continue
        if name not in mine:
            merged[name] = theirs[name]
            continue
        if base is None:
            value, conflict = mine[name], mine[name] != theirs[name]
        else:
            value, conflict = _pick(base.get(name), theirs[name], mine[name])
        merged[name] = value
        if conflict:
            conflict_fields.append(name)
    sections, conflict_sections = merge_sections(
        None if base is None else base.get("sections", []), theirs.get("sections", []),
        mine.get("sections", theirs.get("sections", [])))
    merged["sections"] = sections
    return MergeResult(merged, conflict_fields, conflict_sections)


def describe_changes(before: dict | None, after: dict, labels: dict) -> list[str]:
    """Human names of what changed between two snapshots: field labels, section headings."""
    if before is None:
        return []
    names = [str(labels[name]) for name in EDITABLE_FIELDS
             if name != "sections" and before.get(name) != after.get(name)]
    old = {s["key"]: s for s in before.get("sections", [])}
    new = {s["key"]: s for s in after.get("sections", [])}
    for key, section in new.items():
        heading = section["heading"] or _("avsnitt utan rubrik")
        if key not in old:
            names.append(_("nytt avsnitt ”%(h)s”") % {"h": heading})
        elif _section_content(old[key]) != _section_content(section):
            names.append(heading)
    for key, section in old.items():
        if key not in new:
            names.append(_("tog bort ”%(h)s”") % {"h": section["heading"]})
    if [k for k in old if k in new] != [k for k in new if k in old]:
        names.append(_("avsnittens ordning"))
    return names


@dataclass
class SavedVersion:
    """One save by someone else since the person's editor loaded the document."""

    user: object
    at: object
    version: int
    changed: list[str]


def merge_with_saved(*, current, base_version: int, mine: dict):
    """Merge the person's changes (made on `base_version`) into the stored document.

    Returns (MergeResult, [SavedVersion]) saying who saved what in between.
    """
    labels = {name: current._meta.get_field(name).verbose_name for name in EDITABLE_FIELDS}
    records = list(current.history.filter(version__gte=base_version)
                   .select_related("history_user").order_by("history_date", "history_id"))
    base_records = [r for r in records if r.version == base_version]
    base = editable_snapshot(base_records[-1]) if base_records else None
    saved, before = [], base
    for record in records:
        if record.version <= base_version:
            continue
        after = editable_snapshot(record)
        saved.append(SavedVersion(record.history_user, record.history_date, record.version,
                                  describe_changes(before, after, labels)))
        before = after
    result = merge_documents(base=base, theirs=editable_snapshot(current), mine=mine)
    return result, saved
