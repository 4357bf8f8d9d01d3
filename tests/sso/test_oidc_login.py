"""Login with the city's account through a real OpenID Connect provider started by the
tests (django-oidc-provider in its own process): mapping, just-in-time provisioning,
changed and removed groups, removed users, logout at the provider."""

import datetime
from urllib.parse import parse_qs, urlparse

import time_machine
from django.test import Client
from django.utils import timezone

from organisations.models import Role, User
from responses.models import Utlatande
from sso.models import AccountEvent, ExternalIdentity
from sso.provisioning import deactivate_unvouched
from tests.sso.conftest import DEMO, group


def test_each_demo_role_logs_in_through_the_provider(provider, oidc_login, mappings):
    for username, short, role in DEMO:
        provider.user(username, ["alla-anstallda", group(short, role)])
        client = Client()
        response = oidc_login(client, username)
        assert response.status_code == 302 and response["Location"] == "/", username
        user = User.objects.get(username=username)
        assert (user.organisation.short, user.role, user.is_active) == (short, role, True)
        assert not user.has_usable_password()
        assert int(client.session["_auth_user_id"]) == user.pk
        page = client.get("/", follow=True)
        assert page.status_code == 200 and not any(
            "logga-in" in url for url, _ in page.redirect_chain), username
        identity = ExternalIdentity.objects.get(user=user)
        assert identity.subject == username and identity.provider == "oidc"


def test_an_existing_account_is_linked_and_updated_from_the_claims(provider, oidc_login,
                                                                   mappings, users):
    provider.user("handlaggare.kultur", [group("rik", Role.GRANSKARE)])
    assert oidc_login(Client(), "handlaggare.kultur").status_code == 302
    user = User.objects.get(username="handlaggare.kultur")
    assert user.pk == users["handlaggare_a"].pk  # the same account, not a second one
    assert (user.organisation.short, user.role) == ("rik", Role.GRANSKARE)
    assert (user.first_name, user.last_name) == ("Handlaggare", "Kultur")


def test_a_changed_group_changes_the_role_at_the_next_login(provider, oidc_login, mappings):
    provider.user("anna.andersson", [group("kun", Role.HANDLAGGARE)])
    oidc_login(Client(), "anna.andersson")
    provider.user("anna.andersson", [group("kun", Role.GRANSKARE)])
    assert oidc_login(Client(), "anna.andersson").status_code == 302
    user = User.objects.get(username="anna.andersson")
    assert user.role == Role.GRANSKARE
    assert user.history.first().role == Role.GRANSKARE


def test_no_mapping_gives_a_swedish_page_not_a_403(provider, oidc_login, mappings, settings):
    settings.SSO_SUPPORT_CONTACT = "förvaltningens registrator"
    provider.user("bertil.berg", ["alla-anstallda"])
    client = Client()
    response = oidc_login(client, "bertil.berg")
    assert response["Location"] == "/konto/ingen-behorighet/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Du har inte behörighet i Remiss ännu" in text
    assert "Be om behörighet hos förvaltningens registrator" in text
    assert "alla-anstallda" in text
    assert not User.objects.filter(username="bertil.berg").exists()
    assert "_auth_user_id" not in client.session


def test_a_removed_group_deactivates_reversibly_and_keeps_documents(provider, oidc_login,
                                                                    mappings):
    provider.user("cecilia.ek", [group("kun", Role.HANDLAGGARE)])
    oidc_login(Client(), "cecilia.ek")
    user = User.objects.get(username="cecilia.ek")
    document = Utlatande.objects.create(organisation=mappings["kun"], title="Svar", owner=user)
    provider.user("cecilia.ek", ["alla-anstallda"])
    assert oidc_login(Client(), "cecilia.ek")["Location"] == "/konto/ingen-behorighet/"
    user.refresh_from_db()
    assert not user.is_active
    event = AccountEvent.objects.get(user=user)
    assert event.kind == AccountEvent.Kind.DEACTIVATED and "alla-anstallda" in event.reason
    document.refresh_from_db()
    assert document.owner == user
    # The group comes back: the account is active again, and that is logged too.
    provider.user("cecilia.ek", [group("kun", Role.HANDLAGGARE)])
    assert oidc_login(Client(), "cecilia.ek")["Location"] == "/"
    user.refresh_from_db()
    assert user.is_active
    assert list(AccountEvent.objects.filter(user=user).values_list("kind", flat=True)) == [
        "reactivated", "deactivated"]


def test_a_user_removed_from_the_directory_cannot_log_in_and_is_deactivated(
        provider, oidc_login, mappings, settings):
    provider.user("david.dahl", [group("rik", Role.HANDLAGGARE)])
    oidc_login(Client(), "david.dahl")
    provider.remove("david.dahl")
    refused = oidc_login(Client(), "david.dahl")
    assert refused.status_code == 200  # the provider's login form again, no code for us
    assert deactivate_unvouched() == 0  # not yet: a holiday is no reason
    later = timezone.now() + datetime.timedelta(days=settings.SSO_DEACTIVATE_AFTER_DAYS + 1)
    assert deactivate_unvouched(now=later) == 1
    user = User.objects.get(username="david.dahl")
    assert not user.is_active
    assert AccountEvent.objects.get(user=user).kind == AccountEvent.Kind.DEACTIVATED


def test_a_removed_users_open_session_ends_at_the_next_check(provider, oidc_login,
                                                             mappings):
    provider.user("filip.fors", [group("kun", Role.HANDLAGGARE)])
    client, browser = Client(), provider.browser()
    oidc_login(client, "filip.fors", browser=browser)
    assert client.get("/").status_code == 200  # within 15 minutes: no check
    provider.remove("filip.fors")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        check = client.get("/")
        assert check.status_code == 302 and "prompt=none" in check["Location"]
        answer = browser.get(check["Location"], allow_redirects=False)
        back = answer.headers["Location"]
        assert back.startswith("http://testserver/") and "error=login_required" in back
        client.get(back.removeprefix("http://testserver"))
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_provider_session_too(provider, oidc_login, mappings):
    provider.user("eva.ek", [group("kun", Role.HANDLAGGARE)])
    client, browser = Client(), provider.browser()
    assert oidc_login(client, "eva.ek", browser=browser)["Location"] == "/"
    response = client.post("/konto/logga-ut/")
    assert "_auth_user_id" not in client.session
    location = response["Location"]
    assert location.startswith(provider.issuer + "/end-session")
    assert parse_qs(urlparse(location).query)["id_token_hint"]
    back = browser.get(location, allow_redirects=False)
    assert back.headers["Location"].startswith("http://testserver/konto/logga-in/")
    # The provider asks for the password again: its session is over.
    start = Client().get("/konto/oidc/authenticate/")
    again = browser.get(start["Location"], allow_redirects=False)
    assert "/login/" in again.headers["Location"]


def test_local_passwords_off_except_break_glass(client, users, settings):
    from tests.conftest import PASSWORD as LOCAL
    settings.LOCAL_LOGIN_ENABLED = False
    settings.LOCAL_LOGIN_BREAK_GLASS = ["admin"]
    refused = client.post("/konto/logga-in/", {"username": "handlaggare.kultur",
                                               "password": LOCAL})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    allowed = client.post("/konto/logga-in/", {"username": "admin", "password": LOCAL})
    assert allowed.status_code == 302


def test_oidc_views_are_absent_when_switched_off(client, db, settings):
    settings.OIDC_ENABLED = False
    assert client.get("/konto/oidc/authenticate/").status_code == 404
    assert "stadens konto" not in client.get("/konto/logga-in/").content.decode()
