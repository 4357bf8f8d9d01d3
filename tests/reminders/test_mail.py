"""The reminder mail: Swedish text + HTML, the facts people act on, an .ics event."""

import pytest
from django.core import mail
from icalendar import Calendar

from reminders.models import ReminderMute
from responses.models import State, Utlatande, UtlatandeRecipient

from .conftest import at

pytestmark = pytest.mark.django_db


def test_mail_says_what_when_and_links_to_the_remiss(row, clock, run_sweep):
    clock("2026-12-11")
    run_sweep()
    (message,) = mail.outbox
    assert message.subject == ("Påminnelse, remisstid 2026-12-16: Reviderat program för "
                               "kvalitetsutveckling (KS 2026/100)")
    body = message.body
    for fact in ("Reviderat program för kvalitetsutveckling", "KS 2026/100", "Kulturnämnden",
                 "Remisstid: 2026-12-16", "5 dagar kvar", "Inget tjänsteutlåtande påbörjat",
                 f"http://127.0.0.1:8000/remisser/{row.remiss_id}/",
                 f"/paminnelser/remiss/{row.remiss_id}/tysta/"):
        assert fact in body, fact
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<strong>5 dagar kvar</strong>" in html and 'lang="sv"' in html
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_mail_carries_an_ics_event_on_the_deadline(row, clock, run_sweep):
    clock("2026-12-02")
    run_sweep()
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert name == "remisstid.ics" and mimetype.startswith("text/calendar")
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart").isoformat() == "2026-12-16"
    assert str(event["uid"]) == f"remisstid-{row.pk}@remiss.stockholm.se"
    assert "KS 2026/100" in str(event["summary"])


def test_overdue_mail_says_how_late_and_the_answer_state(row, clock, run_sweep, orgs, users):
    utlatande = Utlatande.objects.create(organisation=orgs["kun"], title="Svar",
                                         state=State.GRANSKNING)
    UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=row)
    clock("2026-12-23")
    run_sweep()
    message = next(m for m in mail.outbox if m.to == ["handlaggare.kultur@stockholm.se"])
    assert message.subject.startswith("Försenat remissvar:")
    assert "7 dagar försenad" in message.body
    assert "Granskning" in message.body
    assert f"/svar/{utlatande.pk}/" in message.body


def test_besvarad_answer_stops_reminders(row, clock, run_sweep, orgs):
    # As workflow.apply(..., "besvara") leaves it: besvarad, and received by KS.
    from programs.models import Recipient

    utlatande = Utlatande.objects.create(organisation=orgs["kun"], title="Svar",
                                         state=State.BESVARAD)
    UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=row)
    Recipient.objects.filter(pk=row.pk).update(answered_at=at("2026-11-30"))
    clock("2026-12-02")
    run_sweep()
    assert mail.outbox == []


def test_organisation_address_gets_no_mute_link(row, clock, run_sweep):
    from programs.models import Recipient

    Recipient.objects.filter(pk=row.pk).update(handlaggare=None)
    clock("2026-12-02")
    run_sweep()
    assert "tysta" not in mail.outbox[0].body


def test_mute_link_mutes_this_remiss(row, clock, run_sweep, client, users):
    clock("2026-12-02")
    run_sweep()
    link = next(w for w in mail.outbox[0].body.split() if "/tysta/" in w)
    path = link.replace("http://127.0.0.1:8000", "")
    client.force_login(users["handlaggare_a"])
    assert "Stäng av påminnelser" in client.get(path).content.decode()
    response = client.post(path)
    assert response.status_code == 302
    assert ReminderMute.objects.filter(user=users["handlaggare_a"], remiss=row.remiss).exists()
    clock("2026-12-11")
    run_sweep()
    assert len(mail.outbox) == 1


def test_titles_are_not_html_escaped_in_subject_and_text_but_are_in_html(row, clock,
                                                                        run_sweep):
    row.remiss.title = "Program för kultur & <idrott>"
    row.remiss.save()
    clock("2026-12-02")
    run_sweep()
    message = mail.outbox[0]
    assert "kultur & <idrott>" in message.subject and "kultur & <idrott>" in message.body
    assert "kultur &amp; &lt;idrott&gt;" in message.alternatives[0][0]
