"""updated_since with keyset pages: a sync misses no change made while it pages."""

import datetime

import time_machine
from django.utils import timezone

from programs.models import Recipient, Remiss, RemissStatus


def _make(orgs, n, start, now):
    with time_machine.travel(now, tick=False):
        remiss = Remiss.objects.create(
            title=f"Remiss {n}", ks_dnr=f"KS 2026/{100 + n}", remiss_date=start,
            deadline=start + datetime.timedelta(days=60), sender=orgs["ks"],
            status=RemissStatus.UTSKICKAD)
        Recipient.objects.create(remiss=remiss, organisation=orgs["kun"])
    return remiss


def _sync(client, since=None, page_size=4, between_pages=None):
    """All pages of one sync; returns ({id: title}, next_updated_since)."""
    url = f"/api/v1/remisser/?page_size={page_size}"
    if since:
        url += "&updated_since=" + since.replace("+", "%2B")
    seen, pages = {}, 0
    while url:
        body = client.get(url).json()
        for row in body["results"]:
            seen[row["id"]] = row["title"]
        url, pages = body["next"], pages + 1
        if between_pages and url:
            between_pages(pages)
    return seen, body["next_updated_since"]


def test_changes_made_during_paging_are_not_missed(api_client, orgs):
    start = timezone.localdate() - datetime.timedelta(days=5)
    base = timezone.now() - datetime.timedelta(hours=2)
    remisser = [_make(orgs, n, start, base + datetime.timedelta(minutes=n)) for n in range(10)]
    client = api_client("ks")

    def change_during_paging(page):
        if page == 1:
            # One already read, one not yet read, one new, and a recipient change (which
            # moves its remiss too).
            for n in (0, 9):
                remiss = Remiss.objects.get(pk=remisser[n].pk)
                remiss.title = f"Ändrad {n}"
                remiss.save()
            _make(orgs, 50, start, timezone.now())
            recipient = remisser[1].recipients.get()
            recipient.own_dnr = "KUN 2026/1"
            recipient.save()

    during, since = _sync(client, between_pages=change_during_paging)
    # The keyset alone already brings every change made during paging ...
    assert during[remisser[0].pk] == "Ändrad 0" and during[remisser[9].pk] == "Ändrad 9"
    assert len(during) == 11
    # ... and the next sync, from next_updated_since, has them again, never fewer.
    after, _ = _sync(client, since)
    latest = {**during, **after}
    assert latest[remisser[0].pk] == "Ändrad 0"
    assert latest[remisser[9].pk] == "Ändrad 9"
    assert remisser[1].pk in latest
    assert any(title == "Remiss 50" for title in latest.values())
    # Unchanged rows that were read before are not sent again beyond the overlap window.
    assert remisser[5].pk not in after


def test_a_transaction_stamped_before_the_sync_began_is_caught_next_time(api_client, orgs):
    """A change stamped at T but committed after a sync that began after T read past it."""
    start = timezone.localdate() - datetime.timedelta(days=5)
    client = api_client("ks")
    _make(orgs, 1, start, timezone.now() - datetime.timedelta(hours=1))
    _, since = _sync(client)
    # Committed now, but stamped 10 s ago (its transaction started then): older than the
    # moment the last sync began, yet within the overlap it answered.
    late = _make(orgs, 2, start, timezone.now() - datetime.timedelta(seconds=10))
    seen, _ = _sync(client, since)
    assert late.pk in seen


def test_bad_sync_parameters_get_clear_errors(api_client, db):
    client = api_client("ks")
    for query, code in [("updated_since=igår", "invalid_updated_since"),
                        ("cursor=xyz", "invalid_cursor"), ("page_size=1000", "invalid_page_size")]:
        response = client.get(f"/api/v1/remisser/?{query}")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == code
