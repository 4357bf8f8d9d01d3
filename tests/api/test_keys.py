"""API keys: created once by the command or the admin, stored hashed, revocable, scoped."""

import io

import pytest
from django.core.management import CommandError, call_command

from api.models import ApiKey
from tests.api.conftest import ApiClient


def _create(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", "create", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_api_token_create_prints_the_key_once_and_stores_only_its_hash(orgs):
    key, note = _create("--name", "edok", "--organisation", "ks", "--scopes", "read,write")
    assert "den visas inte igen" in note
    stored = ApiKey.objects.get()
    assert (stored.name, stored.organisation.short, stored.scopes) == ("edok", "ks",
                                                                       "read,write")
    assert key.startswith(stored.prefix + ".")
    secret = key.split(".", 1)[1]
    assert secret not in stored.hashed_key and secret not in stored.pk
    assert stored.hashed_key.startswith("sha512$$")
    # The key acts as an inactive service user of its organisation: no web login.
    assert not stored.user.is_active and not stored.user.has_usable_password()
    assert stored.user.organisation == orgs["ks"] and stored.user.is_slk
    response = ApiClient(key).get("/api/v1/remisser/")
    assert response.status_code == 200


def test_api_token_refuses_unknown_organisation_and_scope(orgs):
    with pytest.raises(CommandError, match="kortnamnet"):
        _create("--name", "x", "--organisation", "finns-inte")
    with pytest.raises(CommandError, match="read och/eller write"):
        _create("--name", "x", "--organisation", "kun", "--scopes", "admin")
    assert not ApiKey.objects.exists()


def test_revoked_key_is_refused_with_a_stable_code(orgs):
    key, _ = _create("--name", "edok", "--organisation", "kun")
    prefix = key.split(".")[0]
    call_command("api_token", "revoke", prefix, stdout=io.StringIO())
    response = ApiClient(key).get("/api/v1/remisser/")
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "revoked_key"
    assert error["message"]["sv"] == "API-nyckeln är återkallad."
    assert error["message"]["en"] == "The API key has been revoked."
    assert response["WWW-Authenticate"].startswith("Api-Key")


@pytest.mark.parametrize("header, code", [
    (None, "not_authenticated"),
    ("Api-Key abcdefgh.wrong", "invalid_key"),
    ("Api-Key garbage", "invalid_key"),
])
def test_missing_or_wrong_key_gets_json_401(db, client, header, code):
    headers = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/api/v1/remisser/", **headers)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == code


def test_wrong_key_for_a_known_prefix_is_refused(api_key):
    stored, key = api_key("kun")
    response = ApiClient(stored.prefix + ".x" + key.split(".")[1][1:]).get("/api/v1/remisser/")
    assert response.json()["error"]["code"] == "invalid_key"


def test_read_key_cannot_write(api_client, orgs):
    response = api_client("ks", "read").post_json("/api/v1/remisser/", {})
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "scope_missing"
    assert "write" in error["message"]["sv"] and "write" in error["message"]["en"]


def test_unknown_api_path_is_a_json_404(db, client):
    response = client.get("/api/v1/finns-inte/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_rate_limit_answers_429_with_retry_after(api_client, settings):
    settings.API_RATE_LIMIT = "3/min"
    client = api_client("kun")
    statuses = [client.get("/api/v1/remisser/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/remisser/")
    assert int(response["Retry-After"]) > 0
    error = response.json()["error"]
    assert error["code"] == "rate_limited" and "sekunder" in error["message"]["sv"]
    # Another key has its own allowance.
    assert api_client("rik").get("/api/v1/remisser/").status_code == 200
