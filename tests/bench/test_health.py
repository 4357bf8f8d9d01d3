"""/halsa/: public, answers without a database query, only to safe methods."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


@pytest.mark.django_db
def test_health_is_public_and_queries_nothing(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]
    assert len(queries) == 0


@pytest.mark.django_db
def test_health_refuses_post(client):
    assert client.post("/halsa/").status_code == 405
