"""The admin shows where a recipient stands but does not change it: only programs.services
do (and reschedule reminders). A sent remiss's remisstid is moved on the remiss page."""

import re

from programs.models import Recipient, Remiss


def test_admin_cannot_mark_a_recipient_answered_or_move_a_sent_deadline(client, users, remiss):
    client.force_login(users["admin"])
    recipient = Recipient.objects.filter(remiss=remiss).first()
    page = client.get(f"/admin/programs/recipient/{recipient.pk}/change/").content.decode()
    assert 'name="own_dnr"' in page
    for field in ("answered_at", "declined", "declined_reason", "anstand_deadline"):
        assert not re.search(f'name="{field}(_\\d)?"', page), field
    response = client.post(f"/admin/programs/recipient/{recipient.pk}/change/", {
        "remiss": remiss.pk, "organisation": recipient.organisation_id, "own_dnr": "KUN 1",
        "answered_at_0": "2026-01-01", "answered_at_1": "12:00", "declined": "on",
        "declined_reason": "Avstår", "anstand_deadline": "2027-01-01"})
    assert response.status_code == 302, response.content[:3000]
    recipient.refresh_from_db()
    assert recipient.own_dnr == "KUN 1"
    assert recipient.answered_at is None and not recipient.declined
    assert recipient.anstand_deadline is None and recipient.declined_reason == ""

    page = client.get(f"/admin/programs/remiss/{remiss.pk}/change/").content.decode()
    assert 'name="title"' in page and 'name="deadline"' not in page


def test_admin_deletes_only_a_draft_remiss(client, users, remiss, program):
    client.force_login(users["admin"])
    response = client.post(f"/admin/programs/remiss/{remiss.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Remiss.objects.filter(pk=remiss.pk).exists()
    draft = Remiss.objects.create(program=program, title="Utkast", ks_dnr="KS 2026/9",
                                  remiss_date=remiss.remiss_date, deadline=remiss.deadline,
                                  sender=remiss.sender)
    response = client.post(f"/admin/programs/remiss/{draft.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Remiss.objects.filter(pk=draft.pk).exists()
