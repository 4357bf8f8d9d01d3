"""Saving a draft without lost updates: optimistic locking on Utlatande.version.

The editor sends the version it started from. The save first claims the row with
`UPDATE ... SET version = version + 1 WHERE id = %s AND version = %s AND state = 'utkast'`:
of two concurrent saves of the same version exactly one matches; the other (blocked on
the row lock until the first commits) then matches nothing and gets a Conflict carrying
the stored document, so the person can compare and merge instead of overwriting.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from remiss.textclean import clean_control_chars

from .content import validate_decision_points, validate_sections, validate_signatories
from .models import State, Utlatande
from .sanitize import clean_html

# What the editor may change; everything else (state, decision, archive) belongs to the
# workflow.
EDITABLE_FIELDS = ("title", "date", "own_dnr", "avdelning", "till", "handlaggare",
                   "decision_points", "signatories", "sections", "stance")


class Conflict(Exception):
    """Someone else saved since this editor loaded the document."""

    def __init__(self, current: Utlatande):
        super().__init__(_("Dokumentet har sparats av någon annan sedan du öppnade det."))
        self.current = current


class NotEditable(Exception):
    """The document has left utkast (sent to review, decided, locked)."""

    def __init__(self, current: Utlatande):
        super().__init__(_("Dokumentet har status %(state)s och kan inte längre redigeras.")
                         % {"state": current.get_state_display()})
        self.current = current


def clean_sections(sections: list[dict]) -> list[dict]:
    """Sanitise every section's HTML; headings are plain text."""
    return [{**s, "heading": str(s.get("heading", "")).strip()[:200],
             "html": clean_html(s.get("html", ""))} for s in sections]


def save_draft(utlatande: Utlatande, *, expected_version: int, changes: dict,
               user) -> Utlatande:
    """Store the editor's changes if nobody saved in between; return the saved document.

    Raises Conflict (a newer version exists) or NotEditable (no longer an utkast).
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changes = {field: _without_control_chars(value) for field, value in changes.items()}
    if "sections" in changes:
        changes = {**changes, "sections": clean_sections(changes["sections"])}
        validate_sections(changes["sections"])
    if "decision_points" in changes:
        validate_decision_points(changes["decision_points"])
    if "signatories" in changes:
        validate_signatories(changes["signatories"])
    if "title" in changes and not str(changes["title"]).strip():
        raise ValidationError(_("Rubriken får inte vara tom."), code="title_required")
    with transaction.atomic():
        claimed = Utlatande.objects.filter(
            pk=utlatande.pk, version=expected_version, state=State.UTKAST,
        ).update(version=F("version") + 1)
        if claimed != 1:
            current = Utlatande.objects.get(pk=utlatande.pk)
            if current.state != State.UTKAST:
                raise NotEditable(current)
            raise Conflict(current)
        doc = Utlatande.objects.get(pk=utlatande.pk)
        for field, value in changes.items():
            setattr(doc, field, value)
        doc._history_user = user
        doc.save()
    return doc


def _without_control_chars(value):
    """Plain text fields, list items and headings without control characters."""
    if isinstance(value, str):
        return clean_control_chars(value)
    if isinstance(value, list):
        return [_without_control_chars(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_control_chars(item) for key, item in value.items()}
    return value


def editable_snapshot(utlatande) -> dict:
    """The editable content of a document or a historical record, for diffs and restore."""
    return {field: getattr(utlatande, field) for field in EDITABLE_FIELDS}
