"""The tracking matrix: every state, counts, lateness, filters, constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organisations.models import Organisation, OrganisationKind
from programs.models import Recipient
from responses.models import Stance, State
from tracking import matrix


def _rows(remiss, user, today=None):
    return matrix.build_rows(matrix.recipients_with_answers(remiss), user, today)


@pytest.mark.parametrize("state, answered_at, declined, expected, label", [
    (None, False, False, "ej_paborjad", "Ej påbörjad"),
    (State.UTKAST, False, False, "utkast", "Utkast"),
    (State.GRANSKNING, False, False, "granskning", "Granskning"),
    (State.KLAR_FOR_NAMND, False, False, "klar_for_namnd", "Klar för nämnd"),
    (State.BESLUTAD, False, False, "beslutad", "Beslutad, ej justerad"),
    (State.JUSTERAD, False, False, "justerad", "Justerad"),
    (State.JUSTERAD, True, False, "inkommit", "Besvarad, inkommit"),
    (State.BESVARAD, False, False, "inkommit", "Besvarad, inkommit"),
    (None, False, True, "avstar", "Avstår"),
])
def test_every_state(remiss, users, make_answer, slk_client, state, answered_at, declined,
                     expected, label):
    recipient = remiss.recipients.get(organisation__short="kun")
    if state:
        make_answer(recipient, state=state, stance=Stance.TILLSTYRKER,
                    justerad_date=timezone.localdate())
    Recipient.objects.filter(pk=recipient.pk).update(
        answered_at=timezone.now() if answered_at else None, declined=declined)
    row = next(r for r in _rows(remiss, users["slk"]) if r.recipient.pk == recipient.pk)
    assert row.state == expected and row.state_label == label
    assert row.is_decided is (expected in ("justerad", "inkommit", "avstar"))
    assert row.is_received is answered_at
    body = slk_client.get(reverse("programs:matrix", args=[remiss.pk])).content.decode()
    assert f'slk-state--{expected}">{label}</span>' in body


def test_counts_and_lateness(remiss, users, make_answer, slk_client):
    kun, rik = remiss.recipients.order_by("organisation__short")
    today = timezone.localdate()
    remiss.deadline = today - datetime.timedelta(days=5)
    remiss.remiss_date = today - datetime.timedelta(days=40)
    remiss.save()
    make_answer(kun, state=State.JUSTERAD, stance=Stance.AVSTYRKER,
                justerad_date=today - datetime.timedelta(days=2))
    rows = {r.organisation.short: r for r in _rows(remiss, users["slk"], today)}
    # Justerad is decided, but kommunstyrelsen still waits for it: overdue like rik.
    assert rows["kun"].days_late == 5 and rows["kun"].is_decided and rows["kun"].is_overdue
    assert rows["rik"].days_late == 5 and not rows["rik"].is_decided and rows["rik"].is_overdue
    summary = matrix.summarise(list(rows.values()))
    assert (summary.total, summary.decided, summary.received, summary.late) == (2, 1, 0, 2)
    assert dict((s.value, n) for s, _label, n in summary.by_stance)["avstyrker"] == 1

    # Received three days late: no longer overdue, late by the day it arrived.
    Recipient.objects.filter(pk=kun.pk).update(
        answered_at=timezone.now() - datetime.timedelta(days=2))
    rows = {r.organisation.short: r for r in _rows(remiss, users["slk"], today)}
    assert rows["kun"].days_late == 3 and rows["kun"].is_received and not rows["kun"].is_overdue

    body = slk_client.get(reverse("programs:matrix", args=[remiss.pk])).content.decode()
    assert "1 av 2 har beslutat" in body and "1 har inkommit" in body and "1 försenad" in body
    assert "5 dagar sen" in body and "3 dagar sen" in body
    assert "<svg" in body and "1 av 2 har beslutat, varav 0 senast remisstiden" in body


def test_granted_anstand_moves_the_deadline_in_the_matrix(remiss, users):
    recipient = remiss.recipients.get(organisation__short="rik")
    today = timezone.localdate()
    remiss.deadline = today - datetime.timedelta(days=3)
    remiss.remiss_date = today - datetime.timedelta(days=30)
    remiss.save()
    Recipient.objects.filter(pk=recipient.pk).update(
        anstand_deadline=today + datetime.timedelta(days=10))
    row = next(r for r in _rows(remiss, users["slk"]) if r.recipient.pk == recipient.pk)
    assert row.deadline == today + datetime.timedelta(days=10) and not row.is_late


def test_drafts_are_not_linked_for_slk(remiss, users, make_answer, slk_client):
    kun, rik = remiss.recipients.order_by("organisation__short")
    draft = make_answer(kun, state=State.UTKAST)
    public = make_answer(rik, state=State.BESLUTAD)
    body = slk_client.get(reverse("programs:matrix", args=[remiss.pk])).content.decode()
    assert public.get_absolute_url() in body
    assert draft.get_absolute_url() not in body


def test_filters_and_sorting(remiss, users, make_answer, slk_client):
    kun = remiss.recipients.get(organisation__short="kun")
    make_answer(kun, state=State.GRANSKNING)
    url = reverse("programs:matrix", args=[remiss.pk])
    body = slk_client.get(url, {"status": "granskning"}).content.decode()
    assert "Kulturnämnden" in body and "Rinkeby-Kista stadsdelsnämnd</th>" not in body
    body = slk_client.get(url, {"typ": "stadsdelsnamnd"}).content.decode()
    assert "Kulturnämnden</th>" not in body and "Rinkeby-Kista" in body
    body = slk_client.get(url, {"sort": "-organisation"}).content.decode()
    assert body.index("Rinkeby-Kista stadsdelsnämnd</th>") < body.index("Kulturnämnden</th>")
    assert 'aria-sort="descending"' in body
    body = slk_client.get(url, {"status": "<script>", "sort": "hack"}).content.decode()
    assert "Visar 2 remissinstanser" in body


def test_only_slk_sees_the_matrix(remiss, users, client_for):
    response = client_for(users["handlaggare_a"]).get(
        reverse("programs:matrix", args=[remiss.pk]))
    assert response.status_code == 403


def _add_recipients(remiss, n, make_answer):
    states = [None, State.UTKAST, State.GRANSKNING, State.BESLUTAD, State.JUSTERAD,
              State.BESVARAD]
    start = Organisation.objects.count()
    for i in range(start, start + n):
        org = Organisation.objects.create(short=f"o{i}", name=f"Nämnd {i:02d}",
                                          forvaltning=f"Förvaltning {i}",
                                          kind=OrganisationKind.FACKNAMND)
        recipient = Recipient.objects.create(remiss=remiss, organisation=org)
        if states[i % len(states)]:
            make_answer(recipient, state=states[i % len(states)], stance=Stance.TILLSTYRKER)


def test_matrix_queries_do_not_grow_with_recipients(remiss, users, make_answer, slk_client):
    url = reverse("programs:matrix", args=[remiss.pk])
    _add_recipients(remiss, 4, make_answer)
    slk_client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert slk_client.get(url).status_code == 200
    _add_recipients(remiss, 58, make_answer)
    with CaptureQueriesContext(connection) as many:
        body = slk_client.get(url).content.decode()
    assert "Visar 64 remissinstanser" in body, body[body.find("slk-shown"):][:200]
    assert len(many) == len(few)


def test_matrix_query_count_is_fixed(remiss, users, make_answer, slk_client,
                                     django_assert_num_queries):
    _add_recipients(remiss, 60, make_answer)
    url = reverse("programs:matrix", args=[remiss.pk])
    slk_client.get(url)
    # savepoint/release (ATOMIC_REQUESTS), session, user, the user's organisation (header),
    # remiss, recipients, active answers, pending anstånd, readable answer ids; then the
    # meeting plans (meetings/plans.py): lead times, meetings, answers' progress (6 in all);
    # the nämnd's paragraphs (the § shown per answer; none here, so no query for their
    # meetings)
    with django_assert_num_queries(17):
        slk_client.get(url)
