"""The desk's "Nästa steg": a sammanträde is named once, and a row flagged "Hinner inte –
begär anstånd" carries the button to ask for it."""

import datetime

import pytest
from django.urls import reverse

from responses.models import State

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db
D = datetime.date


def test_hinner_inte_row_offers_anstand(frozen, client, users, kultur_meetings, make_remiss):
    late = make_remiss(D(2026, 9, 20)).recipients.get()      # no meeting fits before it
    fine = make_remiss(D(2026, 12, 20)).recipients.get()
    client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    body = client.get(reverse("start")).content.decode()
    assert body.count("Hinner inte – begär anstånd") == 1
    assert reverse("programs:anstand_request", args=[late.remiss_id, late.pk]) in body
    assert reverse("programs:anstand_request", args=[fine.remiss_id, fine.pk]) not in body


def test_a_meeting_is_named_once_per_row(frozen, client, users, kultur_meetings, make_remiss,
                                         make_answer):
    """A signed answer whose kallelse has gone out: its next step is the sammanträde
    (2026-08-25) itself, not repeated below."""
    recipient = make_remiss(D(2026, 9, 10)).recipients.get()
    make_answer(recipient, state=State.KLAR_FOR_NAMND)
    client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    body = client.get(reverse("start")).content.decode()
    cell = body[body.index('data-label="Nästa steg"'):]
    cell = cell[:cell.index("</td>")]
    assert "Sammanträde 2026-08-25" in cell
    dates = [d for d in (m.isoformat() for m in kultur_meetings) if d in cell]
    assert dates
    for date in dates:
        assert cell.count(date) == 1, cell
