"""ID tokens from the real provider: a forged, an expired and another client's token are
refused by Remiss's backend (mozilla-django-oidc checks neither audience nor issuer by
itself; sso.backends.CityOidcBackend does)."""

import base64
import datetime
import json
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
import pytest
import requests
import time_machine
from axes.models import AccessAttempt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from sso.backends import CityOidcBackend
from tests.sso.conftest import CALLBACK, CLIENT_ID, CLIENT_SECRET

NONCE = "engangsvarde-123"


def _id_token(provider, client_id=CLIENT_ID, secret=CLIENT_SECRET, redirect=CALLBACK):
    """An ID token issued by the provider to `client_id` for a signed-in person."""
    provider.user("frida.falk", ["alla-anstallda"])
    browser = provider.browser()
    query = urlencode({"client_id": client_id, "response_type": "code", "scope": "openid",
                       "redirect_uri": redirect, "state": "s", "nonce": NONCE})
    back = provider.sign_in(browser, f"{provider.issuer}/authorize?{query}", "frida.falk")
    code = parse_qs(urlparse(back.headers["Location"]).query)["code"][0]
    tokens = requests.post(provider.issuer + "/token", data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": redirect,
        "client_id": client_id, "client_secret": secret}, timeout=10).json()
    return tokens["id_token"]


@pytest.fixture
def backend(oidc_settings):
    return CityOidcBackend()


def test_a_valid_token_is_accepted(provider, backend):
    claims = backend.verify_token(_id_token(provider), nonce=NONCE)
    assert claims["sub"] == "frida.falk" and claims["aud"] == CLIENT_ID


def test_another_clients_token_is_refused(provider, backend):
    token = _id_token(provider, "annan-tjanst", "annan", "http://annan.example/callback")
    assert jwt.decode(token, options={"verify_signature": False})["aud"] == "annan-tjanst"
    with pytest.raises(SuspiciousOperation, match="(?i)audience"):
        backend.verify_token(token, nonce=NONCE)


def test_an_expired_token_is_refused(provider, backend, settings):
    token = _id_token(provider)
    expires = jwt.decode(token, options={"verify_signature": False})["exp"]
    later = datetime.datetime.fromtimestamp(expires + settings.OIDC_CLOCK_SKEW_SECONDS + 5,
                                            tz=datetime.UTC)
    with time_machine.travel(later), pytest.raises(SuspiciousOperation, match="(?i)expired"):
        backend.verify_token(token, nonce=NONCE)


def test_a_forged_token_is_refused(provider, backend):
    header, payload, signature = _id_token(provider).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["sub"] = "admin"  # the provider's signature no longer matches
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(f"{header}.{forged}.{signature}", nonce=NONCE)
    # Signed with another key under the provider's key id: refused as well.
    kid = jwt.get_unverified_header(_id_token(provider))["kid"]
    own_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    selfmade = jwt.encode({**claims, "aud": CLIENT_ID}, own_key, algorithm="RS256",
                          headers={"kid": kid})
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(selfmade, nonce=NONCE)


def test_a_wrong_nonce_is_refused(provider, backend):
    with pytest.raises(SuspiciousOperation, match="Nonce"):
        backend.verify_token(_id_token(provider), nonce="ett-annat")


def test_a_forged_callback_never_logs_in(provider, oidc_settings, db):
    """A code the provider never issued, or a state we never sent, logs nobody in."""
    client = Client()
    client.get("/konto/oidc/authenticate/")
    state = client.session["oidc_states"]
    known = next(iter(state))
    response = client.get(f"/konto/oidc/callback/?code=pahittad&state={known}")
    assert response.status_code == 302
    assert response["Location"] == "/konto/ingen-behorighet/"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Inloggningen gick inte att slutföra" in page
    response = client.get("/konto/oidc/callback/?code=pahittad&state=okand")
    assert response.status_code in (302, 400) and "_auth_user_id" not in client.session
    # Not counted as a guessed password (django-axes would lock the office's address).
    assert not AccessAttempt.objects.exists()
