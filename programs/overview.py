"""Overview of all remisser (counts in one query) and a program's remisser over the years."""

import datetime
from collections import defaultdict

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, ExtractYear

from responses.models import State, UtlatandeRecipient

from . import matrix
from .models import Program, Recipient
from .selectors import visible_remisser

# Same rule as the matrix: an answer counts once justerad, received, or declined.
COUNTED_STATES = (State.JUSTERAD, State.BESVARAD)


def answered_condition():
    """A recipient has answered (usable in filter/exclude of Recipient querysets)."""
    counted_answer = Exists(UtlatandeRecipient.objects.filter(
        recipient=OuterRef("pk"), is_active=True, utlatande__state__in=COUNTED_STATES))
    return Q(declined=True) | Q(answered_at__isnull=False) | counted_answer


def _count(recipients: QuerySet) -> Coalesce:
    counted = (recipients.order_by().values("remiss").annotate(n=Count("pk")).values("n")[:1])
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(remisser: QuerySet, today: datetime.date) -> QuerySet:
    """Annotate recipients, answered and overdue counts: one query whatever the size."""
    of_remiss = Recipient.objects.filter(remiss=OuterRef("pk"))
    return remisser.annotate(
        n_recipients=_count(of_remiss),
        n_answered=_count(of_remiss.filter(answered_condition())),
        n_overdue=_count(
            of_remiss.exclude(answered_condition())
            .annotate(effective=Coalesce("anstand_deadline", "remiss__deadline"))
            .filter(effective__lt=today)),
    )


def filter_remisser(qs: QuerySet, *, program=None, year=None, sender=None, status=None):
    if program:
        qs = qs.filter(program_id=program)
    if year:
        qs = qs.filter(remiss_date__year=year)
    if sender:
        qs = qs.filter(sender_id=sender)
    if status:
        qs = qs.filter(status=status)
    return qs


def years(user) -> list[int]:
    return sorted(set(visible_remisser(user).annotate(y=ExtractYear("remiss_date"))
                      .values_list("y", flat=True)), reverse=True)


def share(answered: int, total: int) -> int:
    return round(100 * answered / total) if total else 0


def program_history(program: Program, user) -> dict:
    """The program's remisser oldest first, each with its answers and stance counts.

    Five queries whatever the number of remisser and recipients.
    """
    remisser = list(visible_remisser(user).filter(program=program).order_by("remiss_date"))
    recipients = matrix.recipients_with_answers(
        Recipient.objects.filter(remiss__in=remisser).order_by("organisation__name"))
    rows_by_remiss = defaultdict(list)
    for row in matrix.build_rows(recipients, user):
        rows_by_remiss[row.recipient.remiss_id].append(row)
    result = []
    for remiss in remisser:
        rows = rows_by_remiss[remiss.pk]
        result.append({"remiss": remiss, "rows": [r for r in rows if r.utlatande or r.is_answered],
                       "summary": matrix.summarise(rows)})
    return {"history": result}

