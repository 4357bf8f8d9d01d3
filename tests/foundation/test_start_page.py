import pytest
from django.urls import reverse

from tests.conftest import PASSWORD


def test_anonymous_goes_to_login(client, db):
    response = client.get(reverse("start"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_swedish(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert '<html lang="sv">' in response.content.decode()
    assert "Logga in" in response.content.decode()


def test_wrong_password_gives_swedish_message(client, users):
    response = client.post(reverse("login"), {"username": "slk", "password": "fel"})
    assert "Fel användarnamn eller lösenord" in response.content.decode()


@pytest.mark.parametrize("user_key, sees", [("handlaggare_a", True), ("handlaggare_b", True),
                                            ("slk", True)])
def test_start_page_lists_own_open_remisser(client, users, remiss, user_key, sees):
    """Members of a recipient see the remiss on their desk; SLK lands on the overview."""
    assert client.login(username=users[user_key].username, password=PASSWORD)
    response = client.get(reverse("start"), follow=True)
    body = response.content.decode()
    assert users[user_key].organisation.forvaltning in body
    assert (remiss.ks_dnr in body) is sees


def test_accessibility_statement_is_public_and_linked(client, users):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tillgänglighetsredogörelse" in body
    assert "Digg" in body
    client.login(username="slk", password=PASSWORD)
    assert reverse("accessibility") in client.get(reverse("start"), follow=True).content.decode()
