"""Overview of all remisser and the program page over the years."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organisations.models import Organisation, OrganisationKind
from programs.models import Program, Recipient, Remiss, RemissStatus
from responses.models import Stance, State
from tracking import overview


def _remiss(orgs, dnr, year, program=None, status=RemissStatus.UTSKICKAD, deadline=None):
    return Remiss.objects.create(
        program=program, title=f"Remiss {dnr}", ks_dnr=dnr,
        remiss_date=datetime.date(year, 6, 1), deadline=deadline or datetime.date(year, 9, 30),
        sender=orgs["ks"], status=status)


def test_counts_answered_and_overdue(remiss, orgs, make_answer):
    today = timezone.localdate()
    kun, rik = remiss.recipients.order_by("organisation__short")
    Remiss.objects.filter(pk=remiss.pk).update(deadline=today - datetime.timedelta(days=1))
    make_answer(kun, state=State.JUSTERAD, stance=Stance.TILLSTYRKER)
    make_answer(rik, state=State.BESLUTAD)  # beslutad, not justerad: not decided yet
    counted = overview.with_counts(Remiss.objects.filter(pk=remiss.pk), today).get()
    # Kun's justerad answer is decided but not received: still overdue.
    assert (counted.n_recipients, counted.n_decided, counted.n_received,
            counted.n_overdue) == (2, 1, 0, 2)
    Recipient.objects.filter(pk=rik.pk).update(
        anstand_deadline=today + datetime.timedelta(days=5))
    Recipient.objects.filter(pk=kun.pk).update(answered_at=timezone.now())
    counted = overview.with_counts(Remiss.objects.filter(pk=remiss.pk), today).get()
    assert (counted.n_decided, counted.n_received, counted.n_overdue) == (1, 1, 0)


def test_overview_filters(slk_client, remiss, orgs, program):
    other = Program.objects.create(title="Miljöprogram")
    _remiss(orgs, "KS 2016/10", 2016, program)
    _remiss(orgs, "KS 2021/20", 2021, other, status=RemissStatus.AVSLUTAD)
    url = reverse("programs:overview")
    body = slk_client.get(url).content.decode()
    assert all(d in body for d in ("KS 2016/10", "KS 2021/20", remiss.ks_dnr))
    body = slk_client.get(url, {"program": other.pk}).content.decode()
    assert "KS 2021/20" in body and "KS 2016/10" not in body
    body = slk_client.get(url, {"ar": "2016"}).content.decode()
    assert "KS 2016/10" in body and "KS 2021/20" not in body
    body = slk_client.get(url, {"status": "avslutad"}).content.decode()
    assert "KS 2021/20" in body and remiss.ks_dnr not in body
    body = slk_client.get(url, {"avsandare": orgs["kun"].pk}).content.decode()
    assert "Inga remisser matchar filtret" in body
    assert slk_client.get(url, {"ar": "'; drop table", "status": "x"}).status_code == 200


def test_overview_hides_drafts_from_others(client_for, users, orgs):
    _remiss(orgs, "KS 2026/1500", 2026, status=RemissStatus.UTKAST)
    body = client_for(users["handlaggare_a"]).get(reverse("programs:overview")).content.decode()
    assert "KS 2026/1500" not in body


def test_overview_queries_do_not_grow(slk_client, orgs, make_answer):
    url = reverse("programs:overview")

    def add(n, year):
        for i in range(n):
            remiss = _remiss(orgs, f"KS {year}/{i + 1}", year)
            for j in range(12):
                org = Organisation.objects.create(
                    short=f"x{year}{i}{j}", name=f"Nämnd {year} {i} {j}", forvaltning="F",
                    kind=OrganisationKind.FACKNAMND)
                recipient = Recipient.objects.create(remiss=remiss, organisation=org)
                if j % 3 == 0:
                    make_answer(recipient, state=State.JUSTERAD)

    add(1, 2020)
    slk_client.get(url)
    with CaptureQueriesContext(connection) as few:
        slk_client.get(url)
    add(5, 2021)
    with CaptureQueriesContext(connection) as many:
        body = slk_client.get(url).content.decode()
    assert "4 av 12 (33 %)" in body
    assert len(many) == len(few)


def test_program_page_over_the_years(slk_client, orgs, program, make_answer, users):
    old = _remiss(orgs, "KS-dnr 009-1322/2011", 2011, program, RemissStatus.AVSLUTAD)
    mid = _remiss(orgs, "174-742/2016", 2016, program, RemissStatus.AVSLUTAD)
    new = _remiss(orgs, "KS 2021/866", 2021, program, RemissStatus.AVSLUTAD)
    for remiss, state in ((old, State.BESVARAD), (mid, State.JUSTERAD), (new, State.UTKAST)):
        recipient = Recipient.objects.create(remiss=remiss, organisation=orgs["kun"])
        make_answer(recipient, state=state, stance=Stance.TILLSTYRKER,
                    title=f"Kulturförvaltningens svar {remiss.year}")
    url = reverse("programs:program_detail", args=[program.pk])
    with CaptureQueriesContext(connection) as queries:
        body = slk_client.get(url).content.decode()
    assert body.index("2011:") < body.index("2016:") < body.index("2021:")
    assert "Kulturförvaltningens svar 2011" in body and "Kulturförvaltningens svar 2016" in body
    # The 2021 answer is a draft: its state shows, its title and link do not.
    assert "Kulturförvaltningens svar 2021" not in body
    assert len(queries) < 15


def test_program_page_pages_answers_by_remiss(slk_client, orgs, program, make_answer):
    """A program remitted every year shows the answers of three remisser at a time."""
    def build(years):
        for year in years:
            remiss = _remiss(orgs, f"KS {year}/1", year, program, RemissStatus.AVSLUTAD)
            make_answer(Recipient.objects.create(remiss=remiss, organisation=orgs["kun"]),
                        state=State.BESVARAD, stance=Stance.TILLSTYRKER,
                        title=f"Kulturförvaltningens svar {year}")

    url = reverse("programs:program_detail", args=[program.pk])
    build(range(2016, 2018))
    with CaptureQueriesContext(connection) as few:
        slk_client.get(url)
    build(range(2018, 2024))
    with CaptureQueriesContext(connection) as many:
        newest = slk_client.get(url).content.decode()
    assert len(many) == len(few)
    def years_shown(body):
        return [y for y in range(2016, 2024) if f"Kulturförvaltningens svar {y}" in body]

    assert years_shown(newest) == [2021, 2022, 2023]
    # Every remiss stays in the index, linked to the page that holds its answers.
    assert "2016: Remiss KS 2016/1" in newest and "?sida=3#remiss-" in newest
    assert "1 av 1 har beslutat" in newest and "Äldre remisser" in newest
    assert years_shown(slk_client.get(url, {"sida": 2}).content.decode()) == [2018, 2019, 2020]
    oldest = slk_client.get(url, {"sida": 3}).content.decode()
    assert years_shown(oldest) == [2016, 2017]
    assert "Nyare remisser" in oldest and "Äldre remisser" not in oldest
    # A page number out of range shows the last page rather than an error.
    assert slk_client.get(url, {"sida": "99"}).status_code == 200


def test_filter_choices_span_the_years_and_list_only_senders(users, orgs, program):
    assert overview.years(users["slk"]) == []
    _remiss(orgs, "KS 2019/1", 2019, program)
    _remiss(orgs, "KS 2021/2", 2021, program)
    assert overview.years(users["slk"]) == [2021, 2020, 2019]
    assert list(overview.senders()) == [orgs["ks"]]
