"""What a key reads: the web's visibility functions, and the recipient states of a page."""

from collections import defaultdict

from django.db.models import Prefetch, QuerySet

from meetings.models import Arende, Sammantrade
from programs.models import Recipient, Remiss
from programs.permissions import may_act_for_recipient, may_manage_remisser
from programs.selectors import remisser_visible_to, visible_remisser
from responses.models import PUBLIC_STATES, Utlatande
from responses.selectors import visible_utlatanden
from tracking import matrix

# States of an answer that are still the förvaltning's working material: only SLK (whose
# tracking matrix shows them) and the answering organisation see them.
WORKING_MATRIX_STATES = {matrix.MatrixState.UTKAST, matrix.MatrixState.GRANSKNING,
                         matrix.MatrixState.KLAR_FOR_NAMND}


def api_remisser(user) -> QuerySet[Remiss]:
    return visible_remisser(user).prefetch_related("documents")


def api_deleted_remisser(user) -> QuerySet:
    """Deleted remisser (simple-history's deletion records, as the remiss was then) that the
    key could see before: a deleted utkast only for keys that see utkast."""
    return remisser_visible_to(user, Remiss.history.filter(history_type="-"))


def recipient_rows(remisser: list[Remiss], user) -> dict[int, list[matrix.Row]]:
    """The tracking matrix rows of every remiss on a page, in a constant number of queries.

    A row whose answer is working material the key may not see keeps its recipient data
    but loses state and stance (row.hidden).
    """
    if not remisser:
        return {}
    recipients = matrix.recipients_with_answers(
        Recipient.objects.filter(remiss__in=remisser).order_by("remiss", "organisation__name"))
    rows = matrix.build_rows(recipients, user)
    manager = may_manage_remisser(user)
    by_remiss = defaultdict(list)
    for row in rows:
        row.hidden = (not manager and row.state in WORKING_MATRIX_STATES
                      and not may_act_for_recipient(user, row.recipient))
        by_remiss[row.recipient.remiss_id].append(row)
    return by_remiss


def api_svar(user) -> QuerySet[Utlatande]:
    """Answers that are allmänna handlingar (beslutad on), as the key may read them."""
    return (visible_utlatanden(user).filter(state__in=PUBLIC_STATES)
            .prefetch_related("links__recipient__remiss", "links__recipient__organisation",
                              Prefetch("arenden", queryset=Arende.objects.select_related(
                                  "meeting").order_by("meeting__date", "pk"))))


def api_deleted_sammantraden(user) -> QuerySet:
    """Deleted sammanträden: every key sees every meeting, so every key learns of these."""
    return Sammantrade.history.filter(history_type="-")


def api_sammantraden(user) -> QuerySet[Sammantrade]:
    """Every meeting (as on the web); its §§ only where the key may read the answer."""
    visible = visible_utlatanden(user).values("pk")
    return Sammantrade.objects.select_related("organisation").prefetch_related(
        Prefetch("arenden", to_attr="visible_arenden",
                 queryset=Arende.objects.filter(utlatande__in=visible)
                 .select_related("utlatande", "signed_document").order_by("pk")))


def api_paragrafer(user) -> QuerySet[Arende]:
    """The §§ whose answer the key may read (as the web's protokollsutdrag and Verifiera)."""
    return Arende.objects.filter(utlatande__in=visible_utlatanden(user).values("pk")) \
        .select_related("meeting", "meeting__organisation", "signed_document")
