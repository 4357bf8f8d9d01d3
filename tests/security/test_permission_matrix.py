# ruff: noqa: E501  (the matrix is a wide table, one line per URL and object)
"""The permission matrix: every URL of the project × every role × GET/POST.

URL names come from the URL resolver, so a new view fails here until it has a row. Each row
gives the object its URL is built from (see OBJECTS) and the expected outcome per role:

    login  redirect to the login page          302  another redirect
    200, 403, 404, 405, 409 ...  that status   a/b  either of two outcomes

Every request runs in a transaction that is rolled back, so rows do not affect each other;
every GET is checked to send no INSERT, UPDATE or DELETE to the database.
"""

from urllib.parse import urlparse

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from .conftest import SECRET

ROLES = ("anon", "hand_a", "hand_b", "gransk", "sekr", "slk", "admin")
USERS = {"hand_a": "handlaggare_a", "hand_b": "handlaggare_b", "gransk": "granskare",
         "sekr": "sekreterare", "slk": "slk", "admin": "admin"}
# hand_a, gransk and sekr belong to organisation A (Kulturnämnden); hand_b to B (Rinkeby-Kista);
# slk and admin to Kommunstyrelsen.

def _signed_a(w):
    """A signed protokollsutdrag of organisation A's decided answer (made on first use)."""
    from django.core.files.base import ContentFile

    from archive.models import SignedDocument

    document = SignedDocument.objects.filter(arende=w.arende_a).first()
    if document is None:
        document = SignedDocument(arende=w.arende_a, sha256="0" * 64)
        document.pdf.save("utdrag.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    return document


def _earkiv_export(w):
    """A finished e-arkiv export (made on first use)."""
    from django.core.files.base import ContentFile

    from archive.models import EarkivExport, ExportStatus

    export = EarkivExport.objects.filter(year=2025).first()
    if export is None:
        export = EarkivExport(year=2025, status=ExportStatus.KLAR, total=0)
        export.result.save("e-arkiv-2025.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18))
    return export


# The URL kwargs each object stands for.
OBJECTS = {
    "-": lambda w: {},
    "remiss": lambda w: {"pk": w.remiss.pk},
    "remiss_utkast": lambda w: {"pk": w.remiss_utkast.pk},
    "program": lambda w: {"pk": w.program.pk},
    "draft_a": lambda w: {"pk": w.draft_a.pk},
    "public_b": lambda w: {"pk": w.public_b.pk},
    "decided_a": lambda w: {"pk": w.decided_a.pk},
    "draft_a+bilaga": lambda w: {"pk": w.draft_a.pk, "bilaga_pk": w.bilaga_a.pk},
    "public_b+bilaga": lambda w: {"pk": w.public_b.pk, "bilaga_pk": w.bilaga_b.pk},
    "draft_a+history": lambda w: {"pk": w.draft_a.pk, "history_id": w.history_a.history_id},
    "draft_a+comment": lambda w: {"pk": w.draft_a.pk, "comment_pk": w.comment_a.pk},
    "draft_a+skicka": lambda w: {"pk": w.draft_a.pk, "action": "skicka_till_granskning"},
    "recipient_a": lambda w: {"recipient_pk": w.recipient_a.pk},
    "recipient_b": lambda w: {"recipient_pk": w.recipient_b.pk},
    "open_a": lambda w: {"recipient_pk": w.open_a.pk},
    "remiss+recipient_a": lambda w: {"pk": w.remiss.pk, "recipient_pk": w.recipient_a.pk},
    "remiss+document": lambda w: {"pk": w.remiss.pk, "document_pk": w.document.pk},
    "remiss+csv": lambda w: {"pk": w.remiss.pk, "fmt": "csv"},
    "remiss_pk": lambda w: {"remiss_pk": w.remiss.pk},
    "recipient_a_pk": lambda w: {"pk": w.recipient_a.pk},
    "anstand_a": lambda w: {"request_pk": w.anstand_a.pk},
    "export_a": lambda w: {"pk": w.export_a.pk},
    "feed_a": lambda w: {"token": w.feed_a.token},
    "meeting_a": lambda w: {"pk": w.meeting_a.pk},
    "arende_a": lambda w: {"pk": w.arende_a.pk},
    "kun": lambda w: {"short": "kun"},
    "invitation_b": lambda w: {"invitation_pk": w.invitation_b.pk},
    "remiss+kun": lambda w: {"pk": w.remiss.pk, "short": "kun"},
    "signed_a": lambda w: {"pk": _signed_a(w).pk},
    "earkiv_export": lambda w: {"pk": _earkiv_export(w).pk},
}

# Pages anyone may see without logging in; the calendar feeds are opened by calendar programs:
# meeting dates are public, a personal reminder feed is authenticated by its secret token.
PUBLIC = {"login", "accessibility", "help", "health", "meetings:feed", "reminders:feed",
          # The city's login (404 while OIDC is off) and its "no access yet" page; the API's
          # schema and documentation.
          "sso_no_mapping", "oidc_authentication_init", "oidc_authentication_callback",
          "saml2_login", "saml2_acs", "saml2_logout", "saml2_ls", "saml2_ls_post",
          "saml2_metadata",
          "api:schema", "api:docs"}
# The REST API authenticates by API key only (tests/api): a web session gets 401, JSON.
API_KEY_ONLY = "api:"
# Anonymous requests get either the login page or, for a method the URL never accepts, 405
# before anything is looked up.
ANONYMOUS = {"login", "405"}

MATRIX = """
url name                      | object          | GET  anon  hand_a hand_b gransk sekr slk  admin | POST anon  hand_a hand_b gransk sekr slk  admin
start                         | -               |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
health                        | -               |      200   200    200    200    200  200  200   |      405   405    405    405    405  405  405
accessibility                 | -               |      200   200    200    200    200  200  200   |      200   200    200    200    200  200  200
help                          | -               |      200   200    200    200    200  200  200   |      200   200    200    200    200  200  200
login                         | -               |      200   200    200    200    200  200  200   |      200   200    200    200    200  200  200
audit_remiss_csv              | remiss          |      login 403    403    403    403  403  200   |      405   405    405    405    405  405  405
logout                        | -               |      405   405    405    405    405  405  405   |      login login  login  login  login login login
programs:remiss_create        | -               |      login 403    403    403    403  200  200   |      login 403    403    403    403  200  200
programs:remiss_detail        | remiss          |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
programs:remiss_detail        | remiss_utkast   |      login 404    404    404    404  200  200   |      login 404    404    404    404  200  200
programs:remiss_edit          | remiss_utkast   |      login 403    403    403    403  200  200   |      login 403    403    403    403  200  200
programs:remiss_send          | remiss_utkast   |      login 403    403    403    403  200  200   |      login 403    403    403    403  302/400 302/400
programs:remiss_close         | remiss          |      login 403    403    403    403  200  200   |      login 403    403    403    403  302  302
programs:remiss_reopen        | remiss          |      login 403    403    403    403  302  302   |      login 403    403    403    403  302  302
programs:inbox_seen           | -               |      405   405    405    405    405  405  405   |      login 403    403    403    403  302  302
programs:document_download    | remiss+document |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
programs:document_delete      | remiss+document |      405   405    405    405    405  405  405   |      login 403    403    403    403  302  302
programs:matrix               | remiss          |      login 403    403    403    403  200  200   |      login 403    403    403    403  200  200
programs:answers              | remiss          |      login 403    403    403    403  200/404 200/404 | login 403 403   403    403  200/404 200/404
programs:compilation          | remiss+csv      |      login 403    403    403    403  200/404 200/404 | login 403 403   403    403  200/404 200/404
programs:anstand_request      | remiss+recipient_a |   login 200    403    200    200  403  403   |      login 200    403    200    200  403  403
programs:recipient_decline    | remiss+recipient_a |   login 200    403    200    200  200  200   |      login 200    403    200    200  200  200
programs:recipient_answered   | remiss+recipient_a |   login 403    403    403    403  200  200   |      login 403    403    403    403  200  200
programs:recipient_answered_undo | remiss+recipient_a | 405 405  405    405    405  405  405   |      login 403    403    403    403  302  302
programs:answer_document      | remiss+recipient_a |   login 403    403    403    403  404  404   |      login 403    403    403    403  404  404
programs:anstand_decide       | anstand_a       |      login 403    403    403    403  200  200   |      login 403    403    403    403  200  200
programs:program_detail       | program         |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
responses:detail              | draft_a         |      login 200    404    200    200  404  200   |      login 200    404    200    200  404  200
responses:detail              | public_b        |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
responses:joint_invite        | draft_a         |      login 405    405    405    405  405  405   |      login 404    404    404    404  404  404
responses:joint_invite        | public_b        |      login 405    405    405    405  405  405   |      login 404    404    404    404  404  404
responses:joint_leave         | draft_a         |      login 405    405    405    405  405  405   |      login 404    404    404    404  404  404
responses:joint_answer        | invitation_b    |      login 405    405    405    405  405  405   |      login 403    302    403    403  403  403
responses:joint_withdraw      | invitation_b    |      login 405    405    405    405  405  405   |      login 302    404    403    403  404  403
responses:template            | -               |      login 403    403    403    200  403  403   |      login 403    403    403    200  403  403
responses:sammanstallning     | remiss_pk       |      login 403    403    403    403  200  200   |      login 403    403    403    403  302  302
programs:overview             | -               |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
programs:search               | -               |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
responses:import_upload       | -               |      login 403    403    403    200  403  200   |      login 403    403    403    200  403  200
responses:import_confirm      | -               |      login 405    405    405    405  405  405   |      login 403    403    403    404  403  404
responses:start               | open_a          |      login 405    405    405    405  405  405   |      login 302    403    403    403  403  403
responses:start               | recipient_a     |      login 405    405    405    405  405  405   |      login 302    403    302    302  403  302
responses:edit                | draft_a         |      login 200    404    403    403  404  403   |      login 400    404    403    403  404  403
responses:autosave            | draft_a         |      login 405    405    405    405  405  405   |      login 400    404    403    403  404  403
responses:autosave            | public_b        |      login 405    405    405    405  405  405   |      login 409    409    409    409  409  409
responses:transition          | draft_a+skicka  |      login 405    405    405    405  405  405   |      login 302    404    403    403  404  403
responses:correction          | draft_a         |      login 405    405    405    405  405  405   |      login 403    404    403    403  404  403
responses:correction          | public_b        |      login 405    405    405    405  405  405   |      login 403    302    403    403  403  403
responses:bilaga_upload       | draft_a         |      login 405    405    405    405  405  405   |      login 400    404    403    403  404  403
responses:bilaga_download     | draft_a+bilaga  |      login 200    404    200    200  404  200   |      login 200    404    200    200  404  200
responses:bilaga_download     | public_b+bilaga |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
responses:bilaga_move         | draft_a+bilaga  |      login 405    405    405    405  405  405   |      login 302    404    403    403  404  403
responses:bilaga_remove       | draft_a+bilaga  |      login 405    405    405    405  405  405   |      login 302    404    403    403  404  403
responses:bilaga_remove       | public_b+bilaga |      login 405    405    405    405  405  405   |      login 403    403    403    403  403  403
responses:history             | draft_a         |      login 200    404    200    200  404  200   |      login 200    404    200    200  404  200
responses:compare             | draft_a         |      login 200    404    200    200  404  200   |      login 200    404    200    200  404  200
responses:restore             | draft_a+history |      login 405    405    405    405  405  405   |      login 409    404    302    302  404  302
responses:comment_add         | draft_a         |      login 405    405    405    405  405  405   |      login 302    404    302    302  404  403
responses:comment_resolve     | draft_a+comment |      login 405    405    405    405  405  405   |      login 302    404    302    302  404  403
responses:copy_section        | draft_a         |      login 405    405    405    405  405  405   |      login 403    404    403    403  404  403
responses:pdf                 | draft_a         |      login 200    404    200    200  404  200   |      login 200    404    200    200  404  200
responses:pdf                 | public_b        |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
responses:print_preview       | draft_a         |      login 200    404    200    200  404  200   |      login 200    404    200    200  404  200
responses:print_preview       | public_b        |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
responses:pdf_logo            | kun             |      login 404    404    404    404  404  404   |      login 404    404    404    404  404  404
responses:export_start        | -               |      login 403    403    403    200  403  200   |      login 403    403    403    200  403  200
responses:export_detail       | export_a        |      login 404    404    404    200  404  200   |      login 404    404    404    200  404  200
responses:export_status       | export_a        |      login 404    404    404    200  404  200   |      login 404    404    404    200  404  200
responses:export_download     | export_a        |      login 404    404    404    200  404  200   |      login 404    404    404    200  404  200
reminders:settings            | -               |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
reminders:mute                | remiss_pk       |      login 200    200    200    200  200  200   |      login 302    302    302    302  302  302
reminders:unmute              | remiss_pk       |      login 405    405    405    405  405  405   |      login 302    302    302    302  302  302
reminders:recipient           | recipient_a_pk  |      login 200    403    200    200  200  200   |      405   405    405    405    405  405  405
reminders:rotate_feed         | -               |      login 405    405    405    405  405  405   |      login 302    302    302    302  302  302
reminders:feed                | feed_a          |      200   200    200    200    200  200  200   |      200   200    200    200    200  200  200
meetings:index                | -               |      login 302    302    302    302  200  200   |      login 302    302    302    302  200  200
meetings:plan                 | kun             |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
meetings:meeting              | meeting_a       |      login 200    200    200    200  200  200   |      login 403    403    403    302  403  302
meetings:meeting_edit         | meeting_a       |      login 403    403    403    200  403  200   |      login 403    403    403    200  403  200
meetings:remiss_plans         | remiss          |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
meetings:remiss_plans         | remiss_utkast   |      login 404    404    404    404  200  200   |      login 404    404    404    404  200  200
meetings:meeting_create       | kun             |      login 405    405    405    405  405  405   |      login 403    403    403    400  403  400
meetings:lead_times           | kun             |      login 403    403    403    200  403  200   |      login 403    403    403    200  403  200
meetings:import               | kun             |      login 405    405    405    405  405  405   |      login 403    403    403    400  403  400
meetings:utdrag               | arende_a        |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
meetings:utdrag_pdf           | arende_a        |      login 409    409    409    409  409  409   |      login 409    409    409    409  409  409
meetings:arende_correct       | arende_a        |      login 403    403    403    200  403  200   |      login 403    403    403    400  403  400
meetings:remiss_plans         | remiss          |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
programs:overview             | -               |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
programs:search               | -               |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
responses:sammanstallning     | remiss_pk       |      login 403    403    403    403  200  200   |      login 403    403    403    403  302  302
responses:template            | -               |      login 403    403    403    200  403  403   |      login 403    403    403    200  403  403
meetings:feed                 | kun             |      200   200    200    200    200  200  200   |      200   200    200    200    200  200  200
sso_no_mapping                | -               |      200   200    200    200    200  200  200   |      405   405    405    405    405  405  405
oidc_authentication_init      | -               |      404   404    404    404    404  404  404   |      404   404    404    404    404  404  404
oidc_authentication_callback  | -               |      404   404    404    404    404  404  404   |      404   404    404    404    404  404  404
saml2_login                   | -               |      404   404    404    404    404  404  404   |      404   404    404    404    404  404  404
saml2_acs                     | -               |      404   404    404    404    404  404  404   |      404   404    404    404    404  404  404
saml2_logout                  | -               |      404   404    404    404    404  404  404   |      404   404    404    404    404  404  404
saml2_ls                      | -               |      404   404    404    404    404  404  404   |      404   404    404    404    404  404  404
saml2_ls_post                 | -               |      404   404    404    404    404  404  404   |      404   404    404    404    404  404  404
saml2_metadata                | -               |      404   404    404    404    404  404  404   |      404   404    404    404    404  404  404
api:schema                    | -               |      200   200    200    200    200  200  200   |      405   405    405    405    405  405  405
api:docs                      | -               |      200   200    200    200    200  200  200   |      405   405    405    405    405  405  405
api:remiss-list               | -               |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:remiss-deleted-list       | -               |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:remiss-detail             | remiss          |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:remiss-documents          | remiss          |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:remiss-document           | remiss+document |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:recipient-detail          | remiss+kun      |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:recipient-answered        | remiss+kun      |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:svar-list                 | -               |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:svar-detail               | public_b        |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:svar-pdf                  | public_b        |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:sammantrade-list          | -               |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:sammantrade-deleted-list  | -               |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:sammantrade-detail        | meeting_a       |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:paragraf-verification     | signed_a        |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:paragraf-utdrag           | signed_a        |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
api:pdf-verification          | -               |      401   401    401    401    401  401  401   |      401   401    401    401    401  401  401
archive:verify_upload         | -               |      login 200    200    200    200  200  200   |      login 400    400    400    400  400  400
archive:verify_document       | signed_a        |      login 200    200    200    200  200  200   |      login 405    405    405    405  405  405
archive:earkiv                | -               |      login 403    403    403    403  403  200   |      login 403    403    403    403  403  200
archive:earkiv_year           | -               |      login 405    405    405    405  405  405   |      login 403    403    403    403  403  302
archive:earkiv_download       | earkiv_export   |      login 403    403    403    403  403  200   |      login 405    405    405    405  405  405
"""

# Objects that are organisation A's working material: never readable by B.
DRAFTS_OF_A = {key for key in OBJECTS if key.startswith("draft_a")}


# Views with a known, not yet fixed defect: name -> reason. Strict xfail, so a fix makes
# the test say so. Empty while every view passes.
KNOWN_BUGS: dict[str, str] = {}


def _parse(table: str) -> dict[str, list[tuple[str, dict, dict]]]:
    rows: dict[str, list] = {}
    lines = [line for line in table.strip().splitlines() if line.strip()]
    for line in lines[1:]:
        name, obj, get, post = (part.strip() for part in line.split("|"))
        get_cells, post_cells = get.split(), post.split()
        assert len(get_cells) == len(post_cells) == len(ROLES), f"row {name}: 7 roles each"
        rows.setdefault(name, []).append(
            (obj, dict(zip(ROLES, get_cells, strict=True)),
             dict(zip(ROLES, post_cells, strict=True))))
    return rows


ROWS = _parse(MATRIX)


def _url_names(patterns, namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace
            full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _url_names(entry.url_patterns, full)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


ALL_NAMES = sorted(set(_url_names(get_resolver().url_patterns)))
ADMIN_NAMES = [name for name in ALL_NAMES if name.startswith("admin:")]
APP_NAMES = [name for name in ALL_NAMES if not name.startswith("admin:")]


# Tables a GET may write to: the session (login state) and django-axes' access log.
WRITE_ALLOWED_TABLES = ("django_session", "axes_")
# ... and per page: the draft PDF's render job (responses/pdf/drafts.py), a cache of the
# rendered file that changes nothing a person sees or decides.
GET_WRITES_ALLOWED = {"responses:pdf": ("responses_exportjob",)}


class _WriteRecorder:
    """Records every INSERT, UPDATE or DELETE a request sends to the database."""

    def __init__(self, allowed=()):
        self.writes = []
        self.allowed = (*WRITE_ALLOWED_TABLES, *allowed)

    def __call__(self, execute, sql, params, many, context):
        statement = sql.lstrip().upper()
        if statement.startswith(("INSERT", "UPDATE", "DELETE")) and not any(
                table in sql.lower() for table in self.allowed):
            self.writes.append(sql[:120])
        return execute(sql, params, many, context)


def _outcome(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        target = urlparse(response["Location"]).path
        return "login" if target in (reverse("login"), reverse("admin:login")) else "302"
    return str(response.status_code)


def _request(client, method, url, recorder=None):
    with transaction.atomic(), connection.execute_wrapper(recorder or _WriteRecorder()):
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    if getattr(response, "streaming", False):
        # Consuming the stream closes it (the test client keeps the connection open).
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return response, body


def _clients(world):
    clients = {"anon": Client()}
    for role, key in USERS.items():
        clients[role] = Client()
        clients[role].force_login(world.users[key])
    return clients


def _observe(name, obj, world, clients):
    url = reverse(name, kwargs=OBJECTS[obj](world))
    observed, problems = {"get": {}, "post": {}}, []
    for role in ROLES:
        recorder = _WriteRecorder(GET_WRITES_ALLOWED.get(name, ()))
        response, body = _request(clients[role], "get", url, recorder)
        if recorder.writes:
            problems.append(f"GET {url} as {role} wrote to the database: {recorder.writes}")
        observed["get"][role] = _outcome(response)
        if response.status_code >= 500:
            problems.append(f"GET {url} as {role}: {response.status_code}")
        if SECRET.encode() in body and role not in ("hand_a", "gransk", "sekr", "admin"):
            problems.append(f"GET {url} as {role} shows organisation A's draft")
        response, body = _request(clients[role], "post", url)
        observed["post"][role] = _outcome(response)
        if SECRET.encode() in body and role not in ("hand_a", "gransk", "sekr", "admin"):
            problems.append(f"POST {url} as {role} shows organisation A's draft")
    return url, observed, problems


def _matches(expected: str, actual: str) -> bool:
    return actual in expected.split("/")


def _row_text(name, obj, observed) -> str:
    get = " ".join(f"{observed['get'][r]:<6}" for r in ROLES)
    post = " ".join(f"{observed['post'][r]:<6}" for r in ROLES)
    return f"{name:<24} | {obj:<13} |      {get}|      {post}"


def _suggest(name, world) -> str:
    """What each object that fits the URL's kwargs gets now, to help write the row."""
    clients, lines = _clients(world), []
    for obj, kwargs in OBJECTS.items():
        try:
            reverse(name, kwargs=kwargs(world))
        except NoReverseMatch:
            continue
        _, observed, _ = _observe(name, obj, world, clients)
        lines.append(_row_text(name, obj, observed))
    if not lines:
        return ": no object in OBJECTS fits its kwargs; add one."
    return ".\nObserved now (check each outcome is right before copying):\n" + "\n".join(lines)


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_BUGS[name], strict=True))
    if name in KNOWN_BUGS else name for name in APP_NAMES])
@pytest.mark.django_db
def test_permission_matrix(name, world):
    rows = ROWS.get(name)
    if not rows:
        pytest.fail(f"add a row for {name} to MATRIX in {__file__}" + _suggest(name, world))
    clients = _clients(world)
    failures = []
    for obj, expected_get, expected_post in rows:
        url, observed, problems = _observe(name, obj, world, clients)
        failures += problems
        for method, expected in (("get", expected_get), ("post", expected_post)):
            for role in ROLES:
                if not _matches(expected[role], observed[method][role]):
                    failures.append(f"{method.upper()} {url} as {role}: expected "
                                    f"{expected[role]}, got {observed[method][role]}")
        if failures:
            failures.append("Observed row:\n" + _row_text(name, obj, observed))
    assert not failures, "\n".join(failures)


def test_every_row_names_a_url_and_an_object():
    unknown = sorted(set(ROWS) - set(APP_NAMES))
    assert not unknown, f"rows for URL names that no longer exist: {unknown}"
    for name, rows in ROWS.items():
        for obj, _, _ in rows:
            assert obj in OBJECTS, f"row {name}: unknown object {obj}"


def test_anonymous_always_goes_to_login_except_public_pages():
    for name, rows in ROWS.items():
        for _obj, get, post in rows:
            if name in PUBLIC:
                assert get["anon"] in ("200", "404"), name
            elif name.startswith(API_KEY_ONLY):
                assert {*get.values(), *post.values()} == {"401"}, name
            else:
                assert get["anon"] in ANONYMOUS and post["anon"] in ANONYMOUS, name


def test_no_draft_of_a_is_readable_by_b():
    checked = 0
    for name, rows in ROWS.items():
        for obj, get, post in rows:
            if obj in DRAFTS_OF_A:
                checked += 1
                for method in (get, post):
                    assert method["hand_b"] in ("403", "404", "405"), name
                    assert method["slk"] in ("403", "404", "405"), name
    assert checked


def _admin_url(name):
    for kwargs in ({}, {"object_id": "1"}, {"app_label": "programs"}, {"id": "1"},
                   {"content_type_id": "1", "object_id": "1"}):
        try:
            return reverse(name, kwargs=kwargs)
        except Exception:  # noqa: BLE001,S112 - try the next shape of arguments
            continue
    return reverse(name, args=["1", "1"])


@pytest.mark.django_db
def test_the_admin_site_is_for_administrators_only(world):
    """Django's admin checks is_staff on every view; nobody but administrators is staff."""
    clients = _clients(world)
    urls = [_admin_url(name) for name in ADMIN_NAMES
            if name not in ("admin:login", "admin:logout", "admin:jsi18n")]
    assert len(urls) > 20
    for role in ("anon", "hand_a", "slk"):
        for url in urls:
            for method in ("get", "post"):
                response, _ = _request(clients[role], method, url)
                assert _outcome(response) == "login", (method, url, role)
    response, _ = _request(clients["admin"], "get", reverse("admin:index"))
    assert response.status_code == 200
    for role, key in USERS.items():
        assert world.users[key].is_staff == (role == "admin"), role


@pytest.mark.django_db
def test_the_write_check_sees_a_write_by_get(world):
    """The GET check itself: a write during a request is noticed even though it is rolled
    back afterwards."""
    from programs.models import Program

    recorder = _WriteRecorder()
    with connection.execute_wrapper(recorder):
        Program.objects.filter(pk=world.program.pk).update(description="ändrad")
    assert recorder.writes and recorder.writes[0].startswith("UPDATE")


@pytest.mark.django_db
def test_a_joint_answer_cannot_take_over_another_organisations_row(world):
    """Issue 17: Kultur posted Stadsarkivet's recipient row to its draft's "gemensamt" URL
    and Stadsarkivet's "Påbörja svar" then opened Kultur's draft. Now the post is an
    invitation: nothing is linked until Stadsarkivet's handläggare accepts."""
    from organisations.models import Organisation, Role, User
    from programs.models import Recipient
    from responses.models import JointInvitation, Utlatande

    arkivet = Organisation.objects.create(short="ssa", name="Kulturnämnden (Stadsarkivet)",
                                          forvaltning="Stadsarkivet")
    row = Recipient.objects.create(remiss=world.remiss, organisation=arkivet)
    handlaggare_ssa = User.objects.create(username="handlaggare.arkivet", organisation=arkivet,
                                          role=Role.HANDLAGGARE, email="ssa@stockholm.se")
    clients = _clients(world)
    response = clients["hand_a"].post(reverse("responses:joint_invite",
                                              args=[world.draft_a.pk]), {"recipient": row.pk})
    assert response.status_code == 302
    assert not row.links.exists(), "the draft took over Stadsarkivet's row"
    invitation = JointInvitation.objects.get(recipient=row)
    assert invitation.is_pending

    arkivet_client = Client()
    arkivet_client.force_login(handlaggare_ssa)
    response = arkivet_client.post(reverse("responses:start", args=[row.pk]))
    own = Utlatande.objects.get(links__recipient=row, links__is_active=True)
    assert own.pk != world.draft_a.pk and own.organisation == arkivet
    assert response["Location"] == reverse("responses:edit", args=[own.pk])
