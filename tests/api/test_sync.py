"""updated_since with keyset pages: a sync misses no change made while it pages, and the
feeds of deletions tell it what no longer exists."""

import datetime

import time_machine
from django.test import Client
from django.utils import timezone

from meetings.models import Sammantrade
from programs.models import Recipient, Remiss, RemissStatus
from responses import joint
from responses.models import State, UtlatandeRecipient


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


def _deleted(client, path, since=None, page_size=2):
    """All pages of a feed of deletions; returns ({id: row}, next_updated_since)."""
    url = f"{path}?page_size={page_size}"
    if since:
        url += "&updated_since=" + since.replace("+", "%2B")
    seen = {}
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        seen.update((row["id"], row) for row in body["results"])
        url = body["next"]
    return seen, body["next_updated_since"]


def _admin_delete(users, path):
    """Delete through the admin, the app's way of deleting a remiss or a sammanträde."""
    admin = Client()
    admin.force_login(users["admin"])
    response = admin.post(path + "delete/", {"post": "yes"})
    assert response.status_code == 302, response.content[:500]


def test_a_deleted_utkast_is_reported_to_the_keys_that_could_see_it(
        api_client, orgs, users, remiss, draft_remiss):
    Recipient.objects.create(remiss=draft_remiss, organisation=orgs["kun"])
    slk, kun = api_client("ks"), api_client("kun")
    listed, since = _sync(slk)
    assert draft_remiss.pk in listed
    _, deleted_since = _deleted(slk, "/api/v1/remisser/borttagna/")
    _admin_delete(users, f"/admin/programs/remiss/{draft_remiss.pk}/")
    assert not Remiss.objects.filter(pk=draft_remiss.pk).exists()
    # The list cannot say it; the feed of deletions does, with what the diarium needs.
    after, _ = _sync(slk, since)
    assert draft_remiss.pk not in after
    deleted, _ = _deleted(slk, "/api/v1/remisser/borttagna/", deleted_since)
    assert set(deleted) == {draft_remiss.pk}
    row = deleted[draft_remiss.pk]
    assert row["ks_dnr"] == "KS 2026/1500"
    assert set(row) == {"id", "ks_dnr", "deleted_at"}
    # Kultur's key never saw SLK's utkast: it does not learn that it was deleted either.
    assert _deleted(kun, "/api/v1/remisser/borttagna/")[0] == {}
    # A sent remiss was everyone's to see. (The admin deletes only utkast; this is a
    # correction made in the shell.)
    Remiss.objects.get(pk=remiss.pk).delete()
    assert set(_deleted(kun, "/api/v1/remisser/borttagna/")[0]) == {remiss.pk}
    assert set(_deleted(slk, "/api/v1/remisser/borttagna/", deleted_since)[0]) == {
        draft_remiss.pk, remiss.pk}


def test_a_sync_with_deletions_misses_no_deletion_made_during_paging(api_client, orgs,
                                                                      users):
    start = timezone.localdate() - datetime.timedelta(days=5)
    base = timezone.now() - datetime.timedelta(hours=2)
    drafts = []
    for n in range(8):
        draft = _make(orgs, n, start, base + datetime.timedelta(minutes=n))
        Remiss.objects.filter(pk=draft.pk).update(status=RemissStatus.UTKAST)
        drafts.append(draft)
    client = api_client("ks")
    _, deleted_since = _deleted(client, "/api/v1/remisser/borttagna/")

    def delete_during_paging(page):
        if page == 1:  # one already read, one not yet read
            for n in (0, 7):
                _admin_delete(users, f"/admin/programs/remiss/{drafts[n].pk}/")

    known, since = _sync(client, between_pages=delete_during_paging)
    assert drafts[0].pk in known and drafts[7].pk not in known
    # The client's next sync: changes, then deletions, from the values it stored.
    after, _ = _sync(client, since)
    known.update(after)
    deleted, _ = _deleted(client, "/api/v1/remisser/borttagna/", deleted_since)
    for pk in deleted:
        known.pop(pk, None)
    assert set(known) == set(Remiss.objects.values_list("pk", flat=True))
    assert set(deleted) == {drafts[0].pk, drafts[7].pk}


def test_a_deleted_sammantrade_is_reported_to_every_key(api_client, orgs, users):
    meeting = Sammantrade.objects.create(organisation=orgs["kun"], date=timezone.localdate())
    kept = Sammantrade.objects.create(organisation=orgs["kun"], date=timezone.localdate()
                                      + datetime.timedelta(days=7))
    _admin_delete(users, f"/admin/meetings/sammantrade/{meeting.pk}/")
    for short in ("ks", "rik"):
        deleted, _ = _deleted(api_client(short), "/api/v1/sammantraden/borttagna/")
        assert set(deleted) == {meeting.pk}
        assert deleted[meeting.pk]["date"] == meeting.date.isoformat()
    assert kept.pk not in deleted


def test_a_partner_leaving_a_joint_utkast_moves_the_remiss(api_client, orgs, users, remiss,
                                                           answer):
    """A deleted link changes the recipient's state in SLK's matrix: the remiss moves."""
    kun, rik = remiss.recipients.order_by("organisation__short")
    with time_machine.travel(timezone.now() - datetime.timedelta(hours=2), tick=False):
        utlatande = answer(kun, state=State.UTKAST)
        UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=rik)
        Remiss.objects.filter(pk=remiss.pk).update(updated_at=timezone.now())
    client = api_client("ks")
    before, since = _sync(client)
    assert remiss.pk in before
    joint.joint_leave(utlatande=utlatande, recipient=rik, by=users["handlaggare_b"])
    after = client.get("/api/v1/remisser/?updated_since=" + since.replace("+", "%2B")).json()
    rows = {r["id"]: r for r in after["results"]}
    assert remiss.pk in rows
    states = {r["organisation"]["short"]: r["state"] for r in rows[remiss.pk]["recipients"]}
    assert states == {"kun": "utkast", "rik": "ej_paborjad"}
