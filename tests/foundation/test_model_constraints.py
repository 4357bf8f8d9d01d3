"""What must never be false is refused by the database, with a clear message from validation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programs.models import Recipient, Remiss
from responses.models import Utlatande, UtlatandeRecipient


def _remiss(orgs, **overrides):
    values = {"title": "Ett program", "ks_dnr": "KS 2021/866",
              "remiss_date": datetime.date(2021, 6, 22), "deadline": datetime.date(2021, 10, 19),
              "sender": orgs["ks"]}
    values.update(overrides)
    return Remiss(**values)


@pytest.mark.parametrize("dnr", ["KS 2021/866", "KS-dnr 009-1322/2011", "174-742/2016",
                                 "KS-dnr-009-1322/2011"])
def test_accepts_real_dnr_formats(orgs, dnr):
    remiss = _remiss(orgs, ks_dnr=dnr)
    remiss.full_clean()
    remiss.save()
    assert Remiss.objects.get(pk=remiss.pk).ks_dnr == dnr


@pytest.mark.parametrize("dnr", ["", "2021", "KS 21/866", "hej", "KS 2021/866; DROP TABLE"])
def test_bad_dnr_is_a_clear_error_and_refused_by_database(orgs, dnr):
    remiss = _remiss(orgs, ks_dnr=dnr)
    with pytest.raises(ValidationError) as excinfo:
        remiss.full_clean()
    assert "ks_dnr" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        remiss.save()
    assert Remiss.objects.count() == 0


def test_duplicate_dnr_refused(orgs):
    _remiss(orgs).save()
    duplicate = _remiss(orgs, title="Annan")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "Det finns redan en remiss med det diarienumret." in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert Remiss.objects.count() == 1


def test_deadline_before_remiss_date_refused(orgs):
    remiss = _remiss(orgs, deadline=datetime.date(2021, 6, 1))
    with pytest.raises(ValidationError) as excinfo:
        remiss.full_clean()
    assert "Remisstiden kan inte vara före remissdatum." in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        remiss.save()
    assert Remiss.objects.count() == 0


def test_duplicate_recipient_refused(remiss, orgs):
    duplicate = Recipient(remiss=remiss, organisation=orgs["kun"])
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "Organisationen är redan remissinstans för remissen." in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert remiss.recipients.count() == 2


def test_one_active_answer_per_recipient(remiss, orgs):
    recipient = remiss.recipients.get(organisation=orgs["kun"])
    first = Utlatande.objects.create(organisation=orgs["kun"], title="Svar")
    UtlatandeRecipient.objects.create(utlatande=first, recipient=recipient)
    second = Utlatande.objects.create(organisation=orgs["kun"], title="Svar igen")
    with pytest.raises(IntegrityError), transaction.atomic():
        UtlatandeRecipient.objects.create(utlatande=second, recipient=recipient)
    # A superseded answer frees the row for its correction.
    UtlatandeRecipient.objects.filter(utlatande=first).update(is_active=False)
    UtlatandeRecipient.objects.create(utlatande=second, recipient=recipient)
    assert recipient.links.filter(is_active=True).get().utlatande == second


def test_effective_deadline_follows_anstand(remiss, orgs):
    recipient = remiss.recipients.get(organisation=orgs["rik"])
    assert recipient.effective_deadline == remiss.deadline
    recipient.anstand_deadline = remiss.deadline + datetime.timedelta(days=10)
    assert recipient.effective_deadline == recipient.anstand_deadline
    assert recipient.days_left(remiss.deadline) == 10


def test_json_content_is_validated(orgs):
    utlatande = Utlatande(organisation=orgs["kun"], title="Svar",
                          sections=[{"heading": "utan nyckel"}])
    with pytest.raises(ValidationError) as excinfo:
        utlatande.full_clean()
    assert "sections" in excinfo.value.message_dict
