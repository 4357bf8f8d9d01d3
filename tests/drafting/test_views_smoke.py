"""Every drafting page renders for the people who may see it."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD


@pytest.fixture
def as_a(client, users):
    client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    return client


def test_desk_and_editor_pages_render(as_a, draft):
    for name in ("detail", "edit", "history", "compare"):
        response = as_a.get(reverse(f"responses:{name}", args=[draft.pk]))
        assert response.status_code == 200, name
        assert "Arbetsmaterial" in response.content.decode()
    assert as_a.get(reverse("start")).status_code == 200
