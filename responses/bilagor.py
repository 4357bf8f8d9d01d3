"""Numbering the bilagor of a draft: add, move and remove under a lock on the document.

Every change to the numbering locks the Utlatande row first (SELECT ... FOR UPDATE), so
parallel uploads, moves and removals of one document run one after another: numbers stay
unique and gapless, and a row removed by a parallel request is noticed, not saved over.
"""

from django.db import transaction

from .models import Bilaga, Utlatande


class BilagaGone(Exception):
    """The bilaga was removed (by a parallel request, or in another tab)."""


def _lock(utlatande: Utlatande) -> list[Bilaga]:
    Utlatande.objects.select_for_update().filter(pk=utlatande.pk).values_list("pk").first()
    return list(utlatande.bilagor.order_by("order", "pk"))


def _renumber(ordered: list[Bilaga]) -> None:
    for number, bilaga in enumerate(ordered, start=1):
        if bilaga.order != number:
            bilaga.order = number
            bilaga.save(update_fields=["order"])


def bilaga_add(*, utlatande: Utlatande, title: str, file, content_type: str) -> Bilaga:
    """Add a bilaga as the last number."""
    with transaction.atomic():
        ordered = _lock(utlatande)
        return Bilaga.objects.create(utlatande=utlatande, order=len(ordered) + 1, title=title,
                                     file=file, content_type=content_type, size=file.size)


def bilaga_move(*, utlatande: Utlatande, bilaga_pk: int, up: bool) -> None:
    """Swap a bilaga with its neighbour; raises BilagaGone if it no longer exists."""
    with transaction.atomic():
        ordered = _lock(utlatande)
        index = next((i for i, b in enumerate(ordered) if b.pk == bilaga_pk), None)
        if index is None:
            raise BilagaGone
        other = index - 1 if up else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
        _renumber(ordered)


def bilaga_remove(*, utlatande: Utlatande, bilaga_pk: int) -> Bilaga:
    """Remove a bilaga and renumber the rest; raises BilagaGone if it is already gone.

    The stored file stays: history and earlier versions may still point at it.
    """
    with transaction.atomic():
        ordered = _lock(utlatande)
        bilaga = next((b for b in ordered if b.pk == bilaga_pk), None)
        if bilaga is None:
            raise BilagaGone
        rest = [b for b in ordered if b.pk != bilaga_pk]
        bilaga.delete()
        _renumber(rest)
        return bilaga
