"""JSON errors of the API: a stable code, a Swedish and an English message, never HTML.

Shape: {"error": {"code": "...", "status": 404, "message": {"sv": "...", "en": "..."},
"fields": {"field": [{"code": "...", "message": "..."}]}}}. Codes are part of the contract:
integrations branch on them, so they never change once published.
"""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response

# code: (Swedish, English)
MESSAGES = {
    "not_authenticated": ("Ange en API-nyckel i huvudet Authorization: Api-Key <nyckel>.",
                          "Send an API key in the header Authorization: Api-Key <key>."),
    "invalid_key": ("API-nyckeln är okänd.", "The API key is not known."),
    "revoked_key": ("API-nyckeln är återkallad.", "The API key has been revoked."),
    "expired_key": ("API-nyckeln har gått ut.", "The API key has expired."),
    "scope_missing": ("Nyckeln saknar behörigheten %(scope)s.",
                      "The key lacks the scope %(scope)s."),
    "permission_denied": ("Nyckelns organisation får inte göra detta.",
                          "The key's organisation may not do this."),
    "not_found": ("Hittades inte, eller nyckeln får inte se det.",
                  "Not found, or not visible to this key."),
    "method_not_allowed": ("Metoden är inte tillåten här.", "Method not allowed here."),
    "not_acceptable": ("Svaret kan bara lämnas som JSON.", "Responses are JSON only."),
    "unsupported_media_type": ("Skicka JSON eller multipart/form-data.",
                               "Send JSON or multipart/form-data."),
    "parse_error": ("Anropets innehåll gick inte att läsa.",
                    "The request body could not be parsed."),
    "validation_error": ("Uppgifterna är inte giltiga; se fields.",
                         "The data is not valid; see fields."),
    "invalid_updated_since": ("updated_since ska vara en tidpunkt i ISO 8601, till exempel "
                              "2026-10-19T08:00:00+02:00.",
                              "updated_since must be an ISO 8601 date-time, e.g. "
                              "2026-10-19T08:00:00+02:00."),
    "invalid_cursor": ("Ogiltig cursor; börja om från första sidan.",
                       "Invalid cursor; start again from the first page."),
    "invalid_page_size": ("page_size ska vara ett heltal 1–100.",
                          "page_size must be an integer 1–100."),
    "rate_limited": ("För många anrop; försök igen om %(wait)s sekunder.",
                     "Too many requests; try again in %(wait)s seconds."),
    "not_justerad": ("Paragrafen är inte justerad; protokollsutdraget finns inte ännu.",
                     "The paragraph is not justerad; there is no protokollsutdrag yet."),
    "not_signed": ("Paragrafen har inget signerat protokollsutdrag (ännu).",
                   "The paragraph has no signed protokollsutdrag (yet)."),
    "conflict": ("Ändringen går inte att göra i nuvarande läge.",
                 "The change is not possible in the current state."),
    "server_error": ("Ett oväntat fel inträffade.", "An unexpected error occurred."),
}

logger = logging.getLogger(__name__)


class ApiError(exceptions.APIException):
    """An error with one of the codes above."""

    def __init__(self, code: str, status_code: int = 400, params: dict | None = None):
        self.status_code = status_code
        self.code = code
        self.params = params or {}
        super().__init__(detail=MESSAGES[code][0] % self.params, code=code)


def body(code: str, status_code: int, params: dict | None = None, **extra) -> dict:
    sv, en = MESSAGES[code]
    params = params or {}
    return {"error": {"code": code, "status": status_code,
                      "message": {"sv": sv % params, "en": en % params}, **extra}}


def _fields(detail) -> dict:
    """DRF's nested error details as {field: [{code, message}]}."""
    if isinstance(detail, dict):
        result = {}
        for key, value in detail.items():
            items = value if isinstance(value, list) else [value]
            flat = []
            for item in items:
                if isinstance(item, dict):
                    flat.append({"fields": _fields(item)})
                else:
                    flat.append({"code": getattr(item, "code", "invalid"),
                                 "message": str(item)})
            result["non_field_errors" if key == "__all__" else key] = flat
        return result
    items = detail if isinstance(detail, list) else [detail]
    return {"non_field_errors": [{"code": getattr(i, "code", "invalid"), "message": str(i)}
                                 for i in items]}


def _from_django_validation(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {("non_field_errors" if key == "__all__" else key):
                [{"code": e.code or "invalid", "message": " ".join(e.messages)} for e in errs]
                for key, errs in error.error_dict.items()}
    return {"non_field_errors": [{"code": e.code or "invalid", "message": " ".join(e.messages)}
                                 for e in error.error_list]}


def exception_handler(exc, context):
    """DRF's exception handler, answering every error in the one JSON shape."""
    from rest_framework.views import set_rollback  # not at import: DRF's settings load us

    headers = {}
    if isinstance(exc, ApiError):
        data = body(exc.code, exc.status_code, exc.params)
        status_code = exc.status_code
    elif isinstance(exc, (Http404, exceptions.NotFound)):
        status_code, data = 404, body("not_found", 404)
    elif isinstance(exc, DjangoValidationError):
        status_code = 400
        data = body("validation_error", 400, fields=_from_django_validation(exc))
    elif isinstance(exc, exceptions.ValidationError):
        status_code = 400
        data = body("validation_error", 400, fields=_fields(exc.detail))
    elif isinstance(exc, exceptions.Throttled):
        status_code = 429
        wait = int(exc.wait or 1)
        headers["Retry-After"] = str(wait)
        data = body("rate_limited", 429, {"wait": wait})
    elif isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
        status_code = 401
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "not_authenticated"
        if code not in MESSAGES:
            code = "not_authenticated"
        data = body(code, 401)
        headers["WWW-Authenticate"] = 'Api-Key realm="api"'
    elif isinstance(exc, (exceptions.PermissionDenied, DjangoPermissionDenied)):
        status_code = 403
        data = body("permission_denied", 403, detail=str(exc) or None)
    elif isinstance(exc, exceptions.MethodNotAllowed):
        status_code, data = 405, body("method_not_allowed", 405)
    elif isinstance(exc, exceptions.NotAcceptable):
        status_code, data = 406, body("not_acceptable", 406)
    elif isinstance(exc, exceptions.UnsupportedMediaType):
        status_code, data = 415, body("unsupported_media_type", 415)
    elif isinstance(exc, exceptions.ParseError):
        status_code, data = 400, body("parse_error", 400)
    elif isinstance(exc, exceptions.APIException):
        status_code = exc.status_code
        data = body("server_error" if status_code >= 500 else "conflict", status_code)
    else:
        # An unexpected error: logged with its traceback, answered in the same JSON shape.
        logger.error("API error in %s", context.get("view"), exc_info=exc)
        status_code, data = 500, body("server_error", 500)
    set_rollback()
    return Response(data, status=status_code, headers=headers)
