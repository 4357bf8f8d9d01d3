# ruff: noqa: E501  (the matrix is a wide table, one line per URL and object)
"""The permission matrix: every URL of the project × every role × GET/POST.

URL names come from the URL resolver, so a new view fails here until it has a row. Each row
gives the object its URL is built from (see OBJECTS) and the expected outcome per role:

    login  redirect to the login page          302  another redirect
    200, 403, 404, 405, 409 ...  that status   a/b  either of two outcomes

Every request runs in a transaction that is rolled back, so rows do not affect each other;
every GET is checked to leave the database unchanged.
"""

import hashlib
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import SECRET

ROLES = ("anon", "hand_a", "hand_b", "gransk", "sekr", "slk", "admin")
USERS = {"hand_a": "handlaggare_a", "hand_b": "handlaggare_b", "gransk": "granskare",
         "sekr": "sekreterare", "slk": "slk", "admin": "admin"}
# hand_a, gransk and sekr belong to organisation A (Kulturnämnden); hand_b to B (Rinkeby-Kista);
# slk and admin to Kommunstyrelsen.

# The URL kwargs each object stands for.
OBJECTS = {
    "-": lambda w: {},
    "remiss": lambda w: {"pk": w.remiss.pk},
    "remiss_utkast": lambda w: {"pk": w.remiss_utkast.pk},
    "program": lambda w: {"pk": w.program.pk},
    "draft_a": lambda w: {"pk": w.draft_a.pk},
    "public_b": lambda w: {"pk": w.public_b.pk},
}

# Pages anyone may see without logging in.
PUBLIC = {"login", "accessibility", "help"}

MATRIX = """
url name                 | object        | GET  anon  hand_a hand_b gransk sekr slk  admin | POST anon  hand_a hand_b gransk sekr slk  admin
start                    | -             |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
accessibility            | -             |      200   200    200    200    200  200  200   |      200   200    200    200    200  200  200
help                     | -             |      200   200    200    200    200  200  200   |      200   200    200    200    200  200  200
login                    | -             |      200   200    200    200    200  200  200   |      200   200    200    200    200  200  200
logout                   | -             |      405   405    405    405    405  405  405   |      login login  login  login  login login login
programs:remiss_detail   | remiss        |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
programs:remiss_detail   | remiss_utkast |      login 404    404    404    404  200  200   |      login 404    404    404    404  200  200
programs:program_detail  | program       |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
responses:detail         | draft_a       |      login 200    404    200    200  404  200   |      login 200    404    200    200  404  200
responses:detail         | public_b      |      login 200    200    200    200  200  200   |      login 200    200    200    200  200  200
responses:import_upload  | -             |      login 403    403    403    200  403  200   |      login 403    403    403    200  403  200
responses:import_confirm | -             |      login 405    405    405    405  405  405   |      login 403    403    403    404  403  404
"""

# Objects that are organisation A's working material: never readable by B.
DRAFTS_OF_A = {"draft_a"}


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


def _fingerprint() -> str:
    """A digest of every row of our apps' tables (history included)."""
    digest = hashlib.sha256()
    for label in ("organisations", "programs", "responses", "reminders", "meetings"):
        for model in apps.get_app_config(label).get_models():
            rows = model._default_manager.order_by("pk").values_list()
            digest.update(f"{model._meta.label}:{list(rows)!r}".encode())
    return digest.hexdigest()


def _outcome(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        target = urlparse(response["Location"]).path
        return "login" if target in (reverse("login"), reverse("admin:login")) else "302"
    return str(response.status_code)


def _request(client, method, url):
    with transaction.atomic():
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
        response.close()
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
        before = _fingerprint()
        response, body = _request(clients[role], "get", url)
        if _fingerprint() != before:
            problems.append(f"GET {url} as {role} changed the database")
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


@pytest.mark.parametrize("name", APP_NAMES)
@pytest.mark.django_db
def test_permission_matrix(name, world):
    rows = ROWS.get(name)
    if not rows:
        url = None
        pattern_kwargs = []
        try:
            url = reverse(name)
        except Exception:  # noqa: BLE001 - only used for the hint below
            pattern_kwargs = ["(needs kwargs: add an object to OBJECTS)"]
        hint = ""
        if url:
            _, observed, _ = _observe(name, "-", world, _clients(world))
            hint = "\nObserved now (check it is right before copying):\n" + _row_text(
                name, "-", observed)
        pytest.fail(f"add a row for {name} to MATRIX in {__file__} "
                    f"{' '.join(pattern_kwargs)}{hint}")
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
                assert get["anon"] == "200", name
            elif name != "logout":
                assert get["anon"] == "login" and post["anon"] == "login", name


def test_no_draft_of_a_is_readable_by_b():
    checked = 0
    for name, rows in ROWS.items():
        for obj, get, post in rows:
            if obj in DRAFTS_OF_A:
                checked += 1
                for method in (get, post):
                    assert method["hand_b"] in ("403", "404"), name
                    assert method["slk"] in ("403", "404", "login"), name
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
