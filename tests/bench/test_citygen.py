"""generate_city: deterministic for a seed, the proportions of a city, every constraint held."""

import datetime

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import connection

from organisations.models import Organisation, OrganisationKind, User
from programs.models import Recipient, Remiss, RemissStatus
from responses.citygen import (
    BENCH_PASSWORD,
    CITYGEN_VERSION,
    city_fingerprint,
    generate_city,
    load_seed_text,
)
from responses.models import State, Utlatande, UtlatandeRecipient

TODAY = datetime.date(2026, 11, 23)
SMALL = {"years": 2, "remisser_per_year": 8, "users_per_org": 2, "today": TODAY}


def _wipe():
    # TRUNCATE: the lock trigger refuses to DELETE justerade/besvarade documents.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks
        cursor.execute("TRUNCATE organisations_organisation, programs_program CASCADE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    assert not Utlatande.objects.exists() and not User.objects.exists()


@pytest.fixture
def city(db):
    return generate_city(seed=1, **SMALL)


def test_same_seed_gives_same_city_and_other_seed_another(city):
    first = city_fingerprint()
    _wipe()
    generate_city(seed=1, **SMALL)
    assert city_fingerprint() == first
    _wipe()
    generate_city(seed=2, **SMALL)
    assert city_fingerprint() != first


def test_counts_follow_the_size(city):
    assert Remiss.objects.count() == city.remisser == 16
    answering = Organisation.objects.exclude(kind=OrganisationKind.KOMMUNSTYRELSE).count()
    assert answering >= 60  # Stockholm has about 60 remissinstanser
    assert Recipient.objects.count() == city.recipients
    assert 40 * 16 <= city.recipients <= answering * 16
    assert Utlatande.objects.count() == city.utlatanden == UtlatandeRecipient.objects.count()
    # About half of the sent rows are answered with a tjänsteutlåtande.
    sent = Recipient.objects.exclude(remiss__status=RemissStatus.UTKAST).count()
    assert 0.35 * sent < city.utlatanden < 0.7 * sent
    assert User.objects.count() == city.users


def test_users_can_log_in_with_the_bench_password(city):
    user = User.objects.filter(username__startswith="bench.kun.handlaggare").first()
    assert authenticate(username=user.username, password=BENCH_PASSWORD) == user


def test_dates_statuses_and_answers_are_consistent(city):
    for remiss in Remiss.objects.all():
        assert remiss.deadline >= remiss.remiss_date
        assert remiss.remiss_date <= TODAY
        remiss.full_clean()  # dnr format, lengths
        if remiss.status == RemissStatus.AVSLUTAD:
            assert remiss.deadline < TODAY
    for link in UtlatandeRecipient.objects.select_related("utlatande", "recipient"):
        utlatande, recipient = link.utlatande, link.recipient
        assert utlatande.organisation_id == recipient.organisation_id
        assert not recipient.declined
        assert (utlatande.state == State.BESVARAD) == (recipient.answered_at is not None)
        assert utlatande.sections and all(s["html"] for s in utlatande.sections)
        utlatande.full_clean()  # the JSON validators of the content
    # Closed remisser have only finished answers.
    assert not Utlatande.objects.filter(
        links__recipient__remiss__status=RemissStatus.AVSLUTAD).exclude(
        state=State.BESVARAD).exists()
    # Each transition chain ends in the document's state.
    for utlatande in Utlatande.objects.exclude(state=State.UTKAST)[:50]:
        assert utlatande.transitions.order_by("at", "pk").last().to_state == utlatande.state


def test_bodies_are_varied_seed_text(city):
    seed = load_seed_text()
    assert len(seed.paragraphs) > 20 and seed.bullets
    bodies = [u.sections[-1]["html"] for u in Utlatande.objects.all()[:40]]
    assert len(set(bodies)) == len(bodies)
    assert any("stockholmarna" in b or "invånarna" in b for b in bodies)


def test_refuses_a_database_with_data(city):
    with pytest.raises(ValueError, match="tom databas"):
        generate_city(seed=1, **SMALL)


def test_command_generates_and_marks_the_database(db, capsys):
    call_command("generate_city", years=1, remisser_per_year=3, users_per_org=1, seed=4,
                 today=TODAY)
    assert Remiss.objects.count() == 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                       "WHERE datname = current_database()")
        assert cursor.fetchone()[0] == (f"citygen v={CITYGEN_VERSION} years=1 seed=4 per_year=3 "
                                        "users_per_org=1")
    with pytest.raises(CommandError, match="tom databas"):
        call_command("generate_city", years=1, remisser_per_year=3, users_per_org=1)


def test_reuse_skips_the_same_city_and_flags_another(db):
    args = {"years": 1, "remisser_per_year": 3, "users_per_org": 1, "seed": 4, "today": TODAY}
    call_command("generate_city", **args)
    call_command("generate_city", reuse=True, **args)  # same city: nothing happens
    assert Remiss.objects.count() == 3
    with pytest.raises(CommandError) as refused:
        call_command("generate_city", reuse=True, **{**args, "seed": 5})
    assert refused.value.returncode == 3  # bench/run.py rebuilds the database on 3
