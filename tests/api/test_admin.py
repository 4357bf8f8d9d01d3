"""The admin: an administrator creates a key (shown once), revokes it; subscribes a URL."""

from django.contrib.messages import get_messages

from api.models import ApiKey, WebhookSubscription
from tests.api.conftest import ApiClient


def test_admin_creates_a_key_shown_once_and_revokes_it(client, users, orgs):
    client.force_login(users["admin"])
    response = client.post("/admin/api/apikey/add/", {
        "name": "Public 360", "organisation": orgs["rik"].pk, "scopes": "read"})
    assert response.status_code == 302, response.content[:2000]
    stored = ApiKey.objects.get()
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    key = next(word for m in shown for word in m.split() if word.startswith(stored.prefix))
    assert stored.user.organisation == orgs["rik"] and stored.created_by == users["admin"]
    assert ApiClient(key).get("/api/v1/remisser/").status_code == 200
    client.get(response["Location"])  # the list page shows (and consumes) the message
    # The change page never shows the key again.
    assert key not in client.get(f"/admin/api/apikey/{stored.pk}/change/").content.decode()
    client.post("/admin/api/apikey/", {"action": "revoke", "_selected_action": [stored.pk]})
    assert ApiClient(key).get("/api/v1/remisser/").json()["error"]["code"] == "revoked_key"


def test_admin_subscribes_a_url_to_events(client, users):
    client.force_login(users["admin"])
    response = client.post("/admin/api/webhooksubscription/add/", {
        "name": "edok", "url": "https://edok.stad.test/remiss", "is_active": "on",
        "events": ["remiss.utskickad", "svar.besvarat"], "secret": "hemligt-och-langt"})
    assert response.status_code == 302, response.content[:2000]
    subscription = WebhookSubscription.objects.get()
    assert subscription.events == ["remiss.utskickad", "svar.besvarat"]
    assert client.get("/admin/api/webhookdelivery/").status_code == 200
