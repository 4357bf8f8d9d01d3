"""The demo city's historical answers are built by the importer from the four seeds."""

import pytest

from organisations.models import Organisation, OrganisationKind, Role, User
from programs.models import Recipient, Remiss, RemissStatus
from responses.demo import HISTORICAL_REMISSER, SEED_ANSWERS, load_seed_answers
from responses.models import State, Utlatande


@pytest.fixture
def historical(db):
    ks = Organisation.objects.create(short="ks", name="Kommunstyrelsen",
                                     forvaltning="Stadsledningskontoret",
                                     kind=OrganisationKind.KOMMUNSTYRELSE)
    orgs = {short: Organisation.objects.create(short=short, name=f"Nämnd {short}",
                                               forvaltning=f"Förvaltning {short}",
                                               kind=OrganisationKind.FACKNAMND)
            for short in {s for _f, _d, s in SEED_ANSWERS}}
    User.objects.create(username="klas", first_name="Klas", last_name="Robinson",
                        organisation=orgs["rik"], role=Role.HANDLAGGARE)
    result = {}
    for ks_dnr, title, remiss_date, deadline in HISTORICAL_REMISSER:
        remiss = Remiss.objects.create(ks_dnr=ks_dnr, title=title, remiss_date=remiss_date,
                                       deadline=deadline, sender=ks,
                                       status=RemissStatus.AVSLUTAD)
        result[ks_dnr] = {short: Recipient.objects.create(remiss=remiss, organisation=org)
                          for short, org in orgs.items()}
    return result


def test_seed_answers_are_structured(historical):
    load_seed_answers(historical)
    answers = {u.organisation.short: u for u in Utlatande.objects.all()}
    assert set(answers) == {"rik", "utn", "ssa", "kun"}
    assert all(u.imported and u.state == State.BESVARAD for u in answers.values())
    rinkeby = answers["rik"]
    assert rinkeby.decision_points == ["Tjänsteutlåtandet utgör svar på remissen",
                                       "Omedelbar justering"]
    assert rinkeby.handlaggare == [{"name": "Klas Robinson", "telefon": "08-508 01352"}]
    assert rinkeby.owner.username == "klas"
    assert rinkeby.till == "Rinkeby-Kista Stadsdelsnämnd"
    assert [s["heading"] for s in answers["ssa"].sections] == [
        "Sammanfattning", "Ärendet", "Ärendets beredning",
        "Stadsarkivets synpunkter och förslag"]
    assert len(answers["utn"].signatories) == 2
    assert [b.title for b in answers["kun"].bilagor.all()][:2] == [
        "Program för kvalitetsutveckling", "Revidering av Program för kvalitetsutveckling"]
    assert answers["kun"].stance == "tillstyrker_med_synpunkter"
    recipient = historical["KS-dnr 009-1322/2011"]["rik"]
    recipient.refresh_from_db()
    assert recipient.answered_at is not None


def test_seed_answers_idempotent(historical):
    load_seed_answers(historical)
    load_seed_answers(historical)
    assert Utlatande.objects.count() == 4

