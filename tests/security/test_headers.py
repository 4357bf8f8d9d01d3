"""Security headers on every kind of response: CSP without inline code, no framing,
referrer policy, nosniff, permissions policy, HSTS over HTTPS, no caching of private pages."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture
def responses(client, users, remiss):
    anonymous = [client.get(reverse("login")), client.get("/finns-inte/"),
                 client.get(reverse("start"))]
    client.force_login(users["handlaggare_a"])
    logged_in = [client.get(reverse("start")),
                 client.get(reverse("programs:remiss_detail", args=[remiss.pk])),
                 client.get("/svar/999999/")]
    return anonymous + logged_in


@pytest.mark.django_db
def test_every_response_has_the_security_headers(responses):
    statuses = {r.status_code for r in responses}
    assert {200, 302, 404} <= statuses
    for response in responses:
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        csp = _csp(response)
        assert csp["script-src"] == ["'self'"]
        assert csp["style-src"] == ["'self'"]
        assert csp["default-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_no_unsafe_sources_in_the_policy(client):
    header = client.get(reverse("login"))["Content-Security-Policy"]
    for unsafe in ("unsafe-inline", "unsafe-eval", "*", "http:", "https:"):
        assert unsafe not in header.split(), unsafe


@pytest.mark.django_db
def test_hsts_over_https(client):
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == (
        f"max-age={settings.SECURE_HSTS_SECONDS}; includeSubDomains; preload")
    assert settings.SECURE_HSTS_SECONDS >= 31536000


@pytest.mark.django_db
def test_pages_of_logged_in_users_are_not_cached(client, users):
    client.force_login(users["handlaggare_a"])
    cache_control = client.get(reverse("start"))["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


@pytest.mark.django_db
def test_cookies_are_secure_and_http_only(client, users):
    client.force_login(users["handlaggare_a"])
    response = client.get(reverse("login"))
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    csrf = response.cookies.get(settings.CSRF_COOKIE_NAME)
    if csrf is not None:
        assert csrf["secure"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)
JS_URL = re.compile(r"(href|src|action)\s*=\s*[\"']\s*javascript:", re.IGNORECASE)


def _our_templates():
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in path.parts or "var" in path.parts or "node_modules" in path.parts:
            continue
        yield path


def test_no_template_relies_on_inline_script_or_style():
    """The policy forbids inline code; a template that used it would silently break."""
    offenders = []
    for path in _our_templates():
        text = path.read_text(encoding="utf-8")
        for name, pattern in (("<script> without src", INLINE_SCRIPT),
                              ('style=""', INLINE_STYLE), ("on...= handler", INLINE_HANDLER),
                              ("javascript: URL", JS_URL)):
            if pattern.search(text):
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert list(_our_templates()), "no templates found"
    assert not offenders, "Inline code is blocked by the CSP:\n" + "\n".join(offenders)
