"""Done when: with a key from api_token create, GET /api/v1/remisser/ returns the demo's
remisser with their recipients' states."""

import io

from django.core.management import call_command

from programs.models import Remiss
from tests.api.conftest import ApiClient


def test_demo_remisser_through_a_key_from_the_command(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("api_token", "create", "--name", "edok", "--organisation", "ks",
                 "--scopes", "read", stdout=out, stderr=io.StringIO())
    client = ApiClient(out.getvalue().strip())
    seen, url = {}, "/api/v1/remisser/?page_size=100"
    while url:
        body = client.get(url).json()
        seen.update({r["ks_dnr"]: r for r in body["results"]})
        url = body["next"]
    assert set(seen) == set(Remiss.objects.values_list("ks_dnr", flat=True))
    states = {r["state"] for remiss in seen.values() for r in remiss["recipients"]}
    assert None not in states  # stadsledningskontoret sees every state
    assert len(states) >= 2  # the demo has answered and unanswered recipients
    assert all(remiss["recipients"] for remiss in seen.values()
               if remiss["status"] != "utkast")
