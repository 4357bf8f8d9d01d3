"""Property-based tests with hostile strings: never a 500, never stored unsanitised HTML,
never reflected unescaped, never an open redirect.

Every form on every page of the permission matrix is found and filled in automatically, so a
new form is covered as soon as its page has a row in MATRIX.
"""

import re
from urllib.parse import urlparse

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from responses.models import ResponseTemplate, Utlatande
from responses.sanitize import clean_html
from tests.hypothesis_profiles import examples

from .forms import post_forms
from .hostile import MARKERS, PAYLOADS, hostile_text, reflected_markers
from .test_permission_matrix import KNOWN_BUGS, OBJECTS, ROWS, USERS

EXAMPLES = examples(12)
# Who fills in a page's forms: the first of these roles that can open it.
FORM_ROLES = ("hand_a", "sekr", "gransk", "slk", "admin")
SKIP_ACTIONS = {"/konto/logga-ut/"}


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _assert_safe(response, value, what):
    assert response.status_code < 500, f"{what}: {response.status_code} for {value[:80]!r}"
    leaked = reflected_markers(value, _body(response))
    assert not leaked, f"{what}: reflected unescaped {leaked}"
    if response.status_code in (301, 302, 303, 307, 308):
        target = urlparse(response["Location"])
        assert target.netloc in ("", "testserver"), f"{what}: redirect to {target.netloc}"
    _assert_html_stored_clean(what)


def _assert_html_stored_clean(what):
    """Every stored HTML section is exactly what the sanitiser would make of it."""
    for model in (Utlatande, ResponseTemplate):
        for sections in model.objects.values_list("sections", flat=True):
            for section in sections or []:
                html = section.get("html", "") if isinstance(section, dict) else ""
                assert html == clean_html(html), f"{what}: unsanitised HTML stored: {html[:80]}"
                assert "<script" not in html.lower() and "onerror" not in html.lower()


def _fill(form, value) -> dict:
    data = dict(form["fixed"])
    for name in form["text"]:
        data[name] = value
    for name, options in form["choices"].items():
        data[name] = options[0] if options else value
    return data


def test_clean_html_removes_every_script_vector():
    @EXAMPLES
    @given(st.lists(st.one_of(hostile_text, st.sampled_from(PAYLOADS)), max_size=4))
    def check(parts):
        cleaned = clean_html("".join(parts))
        lowered = cleaned.lower()
        for marker in MARKERS:
            assert marker not in lowered
        assert 'href="javascript' not in lowered
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", lowered), cleaned
        assert clean_html(cleaned) == cleaned

    check()


@pytest.mark.django_db
def test_login_form_with_hostile_input(client, users):
    from django.conf import settings as django_settings

    limit = django_settings.AXES_FAILURE_LIMIT
    django_settings.AXES_FAILURE_LIMIT = 10**6
    try:
        @EXAMPLES
        @given(username=hostile_text, password=hostile_text, next_url=st.one_of(
            hostile_text, st.sampled_from(["https://evil.example/", "//evil.example/x",
                                           "/\\evil.example", "javascript:alert(1)"])))
        def check(username, password, next_url):
            with transaction.atomic():
                response = client.post(reverse("login"), {"username": username,
                                                           "password": password,
                                                           "next": next_url})
                transaction.set_rollback(True)
            _assert_safe(response, username + next_url, "login")
            assert response.status_code in (200, 302, 429)

        check()
        # A right password with a hostile next goes to our own start page.
        response = client.post(reverse("login"), {"username": "handlaggare.kultur",
                                                  "password": "ett-langt-testlosenord-42",
                                                  "next": "https://evil.example/"})
        assert response.status_code == 302 and response["Location"] == reverse("start")
    finally:
        django_settings.AXES_FAILURE_LIMIT = limit


PAGES = [(name, obj, get) for name, rows in ROWS.items() for obj, get, _post in rows]


@pytest.mark.parametrize(("name", "obj", "expected_get"), [
    pytest.param(name, obj, get, id=f"{name}@{obj}",
                 marks=[pytest.mark.xfail(reason=KNOWN_BUGS[name], strict=True)]
                 if name in KNOWN_BUGS else [])
    for name, obj, get in PAGES])
@pytest.mark.django_db
def test_every_form_with_hostile_input(name, obj, expected_get, world):
    role = next((r for r in FORM_ROLES if expected_get[r] == "200"), None)
    if role is None or name in ("logout",):
        pytest.skip("no role opens this page as a page")
    client = Client()
    client.force_login(world.users[USERS[role]])
    url = reverse(name, kwargs=OBJECTS[obj](world))
    page = client.get(url)
    if not page.get("Content-Type", "").startswith("text/html"):
        pytest.skip("not an HTML page")
    forms = [form for form in post_forms(page.content.decode(), url)
             if form["action"] not in SKIP_ACTIONS]
    # GET forms (search, filters) too: parsed separately because post_forms keeps only POST.
    from .forms import _FormParser

    parser = _FormParser()
    parser.feed(page.content.decode())
    get_forms = [dict(form, action=form["action"] or url) for form in parser.forms
                 if form["method"] == "get"]
    if not forms and not get_forms:
        pytest.skip("no forms on this page")

    @EXAMPLES
    @given(value=hostile_text)
    def check(value):
        for method, found in (("post", forms), ("get", get_forms)):
            for form in found:
                with transaction.atomic():
                    response = getattr(client, method)(form["action"], _fill(form, value))
                    _assert_safe(response, value, f"{method.upper()} {form['action']} "
                                                  f"from {url} as {role}")
                    transaction.set_rollback(True)

    check()
