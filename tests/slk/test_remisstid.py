"""The remisstid a remiss may give: never passed, at least the minimum (default three
weeks) after sending, with a warning under six weeks; the remissdatum defaults to today."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs import sending
from programs.models import Recipient, Remiss, RemissStatus
from programs.remisstid import remisstid_warning, validate_remisstid

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def today_is_2026_12_02(time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("Europe/Stockholm")),
                         tick=False)


def _form(**extra):
    return {"title": "Riktlinjer för lokalförsörjning", "ks_dnr": "KS 2026/1600",
            "remiss_date": "2026-12-02", "deadline": "2027-03-01", **extra}


@pytest.mark.parametrize("deadline, code", [
    (datetime.date(2026, 12, 1), "remisstid_passed"),
    (datetime.date(2026, 12, 22), "remisstid_too_short"),
])
def test_a_passed_or_too_short_remisstid_is_refused(deadline, code):
    with pytest.raises(ValidationError) as error:
        validate_remisstid(deadline, remiss_date=datetime.date(2026, 9, 1))
    assert error.value.code == code


def test_three_weeks_is_enough_and_warns_under_six():
    validate_remisstid(TODAY + datetime.timedelta(days=21))
    assert "21 dagar" in remisstid_warning(TODAY + datetime.timedelta(days=21))
    assert remisstid_warning(TODAY + datetime.timedelta(days=42)) == ""


def test_minimum_counts_from_a_later_remissdatum(settings):
    settings.REMISSTID_MIN_DAYS = 30
    with pytest.raises(ValidationError, match="minst 30 dagar"):
        validate_remisstid(datetime.date(2027, 1, 20), remiss_date=datetime.date(2026, 12, 30))
    validate_remisstid(datetime.date(2027, 1, 29), remiss_date=datetime.date(2026, 12, 30))


def test_form_refuses_the_issues_example_and_names_the_field(slk_client, orgs):
    response = slk_client.post(reverse("programs:remiss_create"),
                               _form(remiss_date="2026-09-01", deadline="2026-10-15"))
    body = response.content.decode()
    assert "Remisstiden 2026-10-15 har redan passerat" in body
    assert 'href="#id_deadline"' in body  # the error summary links to the field
    assert not Remiss.objects.filter(ks_dnr="KS 2026/1600").exists()


def test_form_saves_with_a_warning_under_six_weeks(slk_client, orgs):
    response = slk_client.post(reverse("programs:remiss_create"),
                               _form(deadline="2027-01-05"), follow=True)
    body = response.content.decode()
    assert "Remissen är sparad som utkast" in body
    assert "Remisstiden är bara 34 dagar" in body


def test_remissdatum_defaults_to_today(slk_client, orgs):
    body = slk_client.get(reverse("programs:remiss_create")).content.decode()
    assert 'name="remiss_date" value="2026-12-02"' in body


def test_a_draft_whose_remisstid_passed_cannot_be_sent(draft, orgs, users):
    Remiss.objects.filter(pk=draft.pk).update(remiss_date=datetime.date(2026, 9, 1),
                                              deadline=datetime.date(2026, 10, 15))
    Recipient.objects.create(remiss=draft, organisation=orgs["kun"])
    with pytest.raises(ValidationError, match="har redan passerat"):
        sending.remiss_send(remiss=draft, by=users["slk"])
    draft.refresh_from_db()
    assert draft.status == RemissStatus.UTKAST


def test_unchanged_remisstid_of_a_sent_remiss_may_stay(slk_client, remiss, orgs):
    """Editing a sent remiss (adding a recipient) does not judge its old remisstid again."""
    Remiss.objects.filter(pk=remiss.pk).update(deadline=TODAY + datetime.timedelta(days=5))
    remiss.refresh_from_db()
    response = slk_client.post(reverse("programs:remiss_edit", args=[remiss.pk]), {
        "title": remiss.title, "ks_dnr": remiss.ks_dnr,
        "remiss_date": remiss.remiss_date.isoformat(), "deadline": remiss.deadline.isoformat(),
        "organisations": [orgs["kun"].pk, orgs["rik"].pk]})
    assert response.status_code == 302
