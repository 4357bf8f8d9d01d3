"""With DEBUG off every error is Remiss's own Swedish page: 400, 403, 404, 500 and the
429 of the login lockout."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def no_debug(settings):
    settings.DEBUG = False


def test_404_is_swedish(client, users):
    client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Sidan finns inte" in body and 'lang="sv"' in body and "Not Found" not in body


def test_403_is_swedish_with_the_reason(client, users, remiss):
    from responses.services import start_response

    recipient = remiss.recipients.get(organisation__short="kun")
    draft = start_response(recipient, users["handlaggare_a"])
    client.login(username=users["granskare"].username, password=PASSWORD)
    response = client.get(reverse("responses:edit", args=[draft.pk]))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Du har inte behörighet till sidan" in body
    assert "Bara handläggare hos remissinstansen" in body and "Forbidden" not in body


def test_500_is_swedish(settings, db):
    settings.ROOT_URLCONF = "tests.security.error_urls"
    response = Client(raise_request_exception=False).get("/test-fel/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Ett fel har uppstått" in body and "Server Error" not in body
    assert "test failure" not in body


def test_400_for_too_many_fields_is_swedish(client, settings, db):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = client.post(reverse("login"), {f"f{i}": "x" for i in range(20)})
    assert response.status_code == 400
    assert "Begäran kunde inte tas emot" in response.content.decode()


def test_csrf_failure_is_swedish(db):
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x"})
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in response.content.decode()


def test_lockout_is_a_swedish_429(client, settings, users):
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(reverse("login"), {"username": users["handlaggare_a"].username,
                                                  "password": "fel-losenord"})
    assert response.status_code == 429
    assert "För många inloggningsförsök" in response.content.decode()
