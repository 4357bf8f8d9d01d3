"""Overview of all remisser (counts in one query) and a program's remisser over the years."""

import datetime
from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, Max, Min, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from organisations.models import Organisation
from programs.models import Program, Recipient, Remiss
from programs.selectors import visible_remisser

from . import matrix


def _count(recipients: QuerySet) -> Coalesce:
    counted = (recipients.order_by().values("remiss").annotate(n=Count("pk")).values("n")[:1])
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(remisser: QuerySet, today: datetime.date) -> QuerySet:
    """Annotate the counts of recipients, decided, received, awaited and overdue answers
    (the rules of RecipientQuerySet): one query whatever the size."""
    of_remiss = Recipient.objects.filter(remiss=OuterRef("pk"))
    return remisser.annotate(
        n_recipients=_count(of_remiss),
        n_decided=_count(of_remiss.decided()),
        n_received=_count(of_remiss.received()),
        n_awaiting=_count(of_remiss.awaiting_answer()),
        n_overdue=_count(of_remiss.overdue(today)),
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
    """Every year from the newest remiss back to the oldest (one aggregate, not a row per
    remiss)."""
    span = visible_remisser(user).aggregate(first=Min("remiss_date"), last=Max("remiss_date"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def senders():
    """Organisations that have sent a remiss, for the overview's filter."""
    return Organisation.objects.filter(pk__in=Remiss.objects.values("sender_id"))


def share(part: int, total: int) -> int:
    return round(100 * part / total) if total else 0


# Three remisser: a program revised every five years shows ten years of answers at once.
PROGRAM_PAGE_SIZE = 3


def program_history(program: Program, user, page_number=None) -> dict:
    """The program's remisser oldest first, with the answers of one page of them.

    Every remiss is listed with its counts; the answers are shown for PROGRAM_PAGE_SIZE
    remisser at a time, the newest page first, so the page does not grow with the
    program's history. Six queries whatever the number of remisser and recipients.
    """
    remisser = list(with_counts(visible_remisser(user).filter(program=program),
                                timezone.localdate()).order_by("remiss_date", "pk"))
    newest_first = remisser[::-1]
    page = Paginator(newest_first, PROGRAM_PAGE_SIZE).get_page(page_number)
    page_of = {remiss.pk: i // PROGRAM_PAGE_SIZE + 1 for i, remiss in enumerate(newest_first)}
    shown = page.object_list[::-1]
    recipients = matrix.recipients_with_answers(
        Recipient.objects.filter(remiss__in=shown).order_by("organisation__name"))
    rows_by_remiss = defaultdict(list)
    for row in matrix.build_rows(recipients, user):
        rows_by_remiss[row.recipient.remiss_id].append(row)
    # "x av y har beslutat" comes from with_counts for the index and the sections alike.
    history = [{"remiss": remiss, "rows": [r for r in rows_by_remiss[remiss.pk]
                                           if r.utlatande or r.is_decided]}
               for remiss in shown]
    return {"history": history, "page": page,
            "index": [{"remiss": remiss, "page": page_of[remiss.pk]} for remiss in remisser]}
