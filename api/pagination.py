"""Keyset pages over (updated_at, id) with updated_since: an incremental sync misses nothing.

A row changed while a client pages gets a later updated_at than every row already read, so
it moves behind the cursor and comes on a later page. A transaction that stamped its rows
before the sync began but committed after could still slip behind the cursor: therefore
each page also answers next_updated_since, the moment the sync began less
API_SYNC_OVERLAP_SECONDS, which the client passes as updated_since next time. Rows may come
twice (the client keeps the latest by id); none is lost.
"""

import base64
import datetime
import json
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from .errors import ApiError

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


def parse_updated_since(value: str | None) -> datetime.datetime | None:
    if value in (None, ""):
        return None
    try:
        moment = parse_datetime(value.strip().replace(" ", "+"))
    except ValueError:
        moment = None
    if moment is None:
        raise ApiError("invalid_updated_since")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _encode(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode()


def _decode(value: str) -> tuple[datetime.datetime, int, datetime.datetime]:
    try:
        data = json.loads(base64.urlsafe_b64decode(value.encode()))
        return (datetime.datetime.fromisoformat(data["u"]), int(data["i"]),
                datetime.datetime.fromisoformat(data["s"]))
    except (ValueError, KeyError, TypeError) as error:
        raise ApiError("invalid_cursor") from error


class SyncPagination(BasePagination):
    """Pages of ?page_size= rows in (updated_at, id) order, from ?updated_since= on."""

    # The field that moves when a row changes (for a feed of deletions: when it was deleted).
    moment = "updated_at"
    since_help = "Bara det som ändrats från och med denna tidpunkt (ISO 8601)."

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        params = request.query_params
        try:
            size = int(params.get("page_size") or DEFAULT_PAGE_SIZE)
        except ValueError:
            size = 0
        if not 1 <= size <= MAX_PAGE_SIZE:
            raise ApiError("invalid_page_size")
        since = parse_updated_since(params.get("updated_since"))
        cursor = params.get("cursor")
        if cursor:
            after_time, after_id, self.started = _decode(cursor)
        else:
            after_time = after_id = None
            self.started = timezone.now()
        moment = self.moment
        queryset = queryset.order_by(moment, "pk")
        if since is not None:
            queryset = queryset.filter(**{f"{moment}__gte": since})
        if after_time is not None:
            queryset = queryset.filter(Q(**{f"{moment}__gt": after_time})
                                       | Q(**{moment: after_time}, pk__gt=after_id))
        rows = list(queryset[:size + 1])
        self.has_next = len(rows) > size
        self.page = rows[:size]
        self.page_size = size
        return self.page

    def next_link(self) -> str | None:
        if not self.has_next:
            return None
        last = self.page[-1]
        params = self.request.query_params.copy()
        params["cursor"] = _encode({"u": getattr(last, self.moment).isoformat(), "i": last.pk,
                                    "s": self.started.isoformat()})
        return self.request.build_absolute_uri(
            self.request.path + "?" + urlencode(sorted(params.items())))

    def next_updated_since(self) -> str:
        overlap = datetime.timedelta(seconds=settings.API_SYNC_OVERLAP_SECONDS)
        return (self.started - overlap).isoformat()

    def get_paginated_response(self, data):
        return Response({"next": self.next_link(),
                         "next_updated_since": self.next_updated_since(),
                         "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "next_updated_since", "results"],
            "properties": {
                "next": {"type": "string", "format": "uri", "nullable": True,
                         "description": "Nästa sida; null på sista sidan."},
                "next_updated_since": {
                    "type": "string", "format": "date-time",
                    "description": "Skicka som updated_since vid nästa synkronisering."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {"name": "updated_since", "in": "query", "required": False,
             "description": self.since_help,
             "schema": {"type": "string", "format": "date-time"}},
            {"name": "cursor", "in": "query", "required": False,
             "description": "Från föregående svars next.", "schema": {"type": "string"}},
            {"name": "page_size", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE,
                        "default": DEFAULT_PAGE_SIZE}},
        ]


class DeletionPagination(SyncPagination):
    """The same pages over simple-history's deletion records, by the moment of deletion.

    A deletion is recorded in the transaction that deletes, so the keyset and the overlap of
    next_updated_since hold for it as for a change.
    """

    moment = "history_date"
    since_help = "Bara det som tagits bort från och med denna tidpunkt (ISO 8601)."
