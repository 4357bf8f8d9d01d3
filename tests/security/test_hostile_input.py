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
# Every form of every page: about 38 submissions per example, so at least 1 000 a run.
FORM_EXAMPLES = examples(27)
MIN_INPUTS_PER_RUN = 1_000
# Who fills in a page's forms: the first of these roles that can open it.
FORM_ROLES = ("hand_a", "sekr", "gransk", "slk", "admin")
SKIP_ACTIONS = {"/konto/logga-ut/"}
SENT: list[int] = []


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


def _fill(form, value, shape: str = "all") -> dict:
    """The form with `value` in every text field; "missing" leaves every other field (and
    the hidden ones) out, "duplicated" sends each field twice."""
    data = dict(form["fixed"])
    for name in form["text"]:
        data[name] = value
    for name, options in form["choices"].items():
        data[name] = options[0] if options else value
    if shape == "missing":
        data = {name: v for i, (name, v) in enumerate(data.items()) if i % 2}
    elif shape == "duplicated":
        data = {name: [v, value] for name, v in data.items()}
    return data


def _assert_editor_can_save_again(what):
    """Every draft can be opened in the editor and saved unchanged: no state is stored that
    the editor form (or Django's limits on a request) would refuse."""
    from django.conf import settings as django_settings

    from responses.content import validate_sections
    from responses.forms import UtlatandeForm
    from responses.models import State
    from tests.drafting.helpers import editor_post

    for utlatande in Utlatande.objects.filter(state=State.UTKAST):
        validate_sections(utlatande.sections)
        data = editor_post(utlatande)
        assert len(data) + 4 * len(utlatande.sections) < (
            django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS), f"{what}: too many fields"
        form = UtlatandeForm(data, sections=utlatande.sections)
        assert form.is_valid(), f"{what}: the editor cannot save again: {form.errors}"


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

    @FORM_EXAMPLES
    @given(value=hostile_text, shape=st.sampled_from(["all", "all", "missing", "duplicated"]))
    def check(value, shape):
        for method, found in (("post", forms), ("get", get_forms)):
            for form in found:
                with transaction.atomic():
                    SENT.append(1)
                    response = getattr(client, method)(form["action"],
                                                       _fill(form, value, shape))
                    what = f"{method.upper()} {form['action']} ({shape}) from {url} as {role}"
                    _assert_safe(response, value, what)
                    _assert_editor_can_save_again(what)
                    transaction.set_rollback(True)

    check()


def test_zz_at_least_a_thousand_hostile_inputs_per_run():
    """Runs after the form tests (file order); skipped when only some of them were chosen."""
    if len(SENT) < 100:
        pytest.skip("only part of the file ran")
    assert len(SENT) >= MIN_INPUTS_PER_RUN, len(SENT)
