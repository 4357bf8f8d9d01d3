"""Login: strong passwords, throttling with a Swedish lockout page, session expiry."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("password", ["kort", "123456789012345", "password1234",
                                      "handlaggare.kultur"])
@pytest.mark.django_db
def test_weak_passwords_are_refused(users, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=users["handlaggare_a"])


@pytest.mark.django_db
def test_a_long_passphrase_is_accepted(users):
    validate_password("tre blå remisser i oktober", user=users["handlaggare_a"])


def _attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_login_works_and_a_wrong_password_shows_the_form_again(client, users):
    response = _attempt(client, "handlaggare.kultur", "fel-losenord")
    assert response.status_code == 200
    assert "Fel användarnamn eller lösenord" in response.content.decode()
    response = _attempt(client, "handlaggare.kultur", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("start")


@pytest.mark.django_db
def test_too_many_failures_lock_the_account_with_a_swedish_page(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _attempt(client, "handlaggare.kultur", "fel-losenord").status_code == 200
    response = _attempt(client, "handlaggare.kultur", "fel-losenord")
    assert response.status_code == 429
    body = response.content.decode()
    assert "För många inloggningsförsök" in body
    assert f"efter {settings.AXES_FAILURE_LIMIT} misslyckade" in body
    assert "15 minuter" in body
    # Even the right password is refused while locked; nobody is logged in.
    response = _attempt(client, "handlaggare.kultur", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_is_per_user_name(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, "handlaggare.kultur", "fel-losenord")
    other = client_from_other_address(client)
    assert _attempt(other, "handlaggare.rinkeby", PASSWORD).status_code == 302


def client_from_other_address(client):
    from django.test import Client

    return Client(REMOTE_ADDR="10.1.2.3")


@pytest.mark.django_db
def test_lockout_also_per_client_address(client, users):
    """Password spraying: one wrong guess each for many names from one address."""
    for number in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, f"gissning{number}", "fel-losenord")
    assert _attempt(client, "handlaggare.kultur", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_a_success_resets_the_failure_count(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt(client, "handlaggare.kultur", "fel-losenord")
    assert _attempt(client, "handlaggare.kultur", PASSWORD).status_code == 302
    client.logout()
    assert AccessAttempt.objects.filter(username="handlaggare.kultur").count() == 0


def test_trusted_proxy_address_is_used_only_when_configured(rf, settings):
    from remiss.auth import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1",
                     HTTP_X_FORWARDED_FOR="6.6.6.6, 192.168.1.20")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    # The left part is whatever the client sent; only the proxy's own entry is trusted.
    assert client_ip(request) == "192.168.1.20"


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


@pytest.mark.django_db
def test_logout_needs_post_and_ends_the_session(client, users):
    client.force_login(users["handlaggare_a"])
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_check_deploy_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT",
                                                            "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"DEBUG": "0", "SECRET_KEY": "k" * 20 + "-production-like-secret-key-value-42x",
                "ALLOWED_HOSTS": "remiss.stockholm.se"})
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy",
                             "--fail-level", "WARNING"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_a_very_long_user_name_is_an_ordinary_failed_login(client, users):
    """Found by the hostile-input test: Django's login form does not cap the name's length
    on the server and the throttle log stores 255 characters."""
    response = _attempt(client, "A" * 20_000, "fel-losenord")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "A" * 150
