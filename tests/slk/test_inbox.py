"""SLK's start page is an inbox: anstånd to decide (oldest first), answers that came in
since the last visit, remisser late with recipients missing, remisser ready to close."""

import datetime

from django.urls import reverse
from django.utils import timezone

from programs.models import AnstandRequest, Recipient, Remiss, RemissStatus
from tracking import inbox


def _anstand(recipient, user, days_ago):
    request = AnstandRequest.objects.create(
        recipient=recipient, requested_deadline=recipient.effective_deadline
        + datetime.timedelta(days=14), reason="Sammanträdet är efter remisstiden.",
        requested_by=user, previous_deadline=recipient.effective_deadline)
    AnstandRequest.objects.filter(pk=request.pk).update(
        requested_at=timezone.now() - datetime.timedelta(days=days_ago))
    return request


def test_start_page_of_slk_is_the_inbox(slk_client, users, remiss, program, orgs,
                                        make_answer):
    kun, rik = remiss.recipients.order_by("organisation__short")
    newer = _anstand(kun, users["handlaggare_a"], days_ago=1)
    older = _anstand(rik, users["handlaggare_b"], days_ago=3)
    answer = make_answer(kun, state="besvarad", stance="tillstyrker")
    Recipient.objects.filter(pk=kun.pk).update(answered_at=timezone.now())
    today = timezone.localdate()
    late = Remiss.objects.create(
        program=program, title="Plan för äldreomsorgen", ks_dnr="KS 2026/1700",
        remiss_date=today - datetime.timedelta(days=60), deadline=today - datetime.timedelta(2),
        sender=orgs["ks"], status=RemissStatus.UTSKICKAD, sent_at=timezone.now())
    Recipient.objects.create(remiss=late, organisation=orgs["kun"])
    done = Remiss.objects.create(
        program=program, title="Strategi för idrott", ks_dnr="KS 2026/1701",
        remiss_date=today - datetime.timedelta(days=60), deadline=today,
        sender=orgs["ks"], status=RemissStatus.UTSKICKAD, sent_at=timezone.now())
    Recipient.objects.create(remiss=done, organisation=orgs["rik"], declined=True,
                             declined_reason="Berör inte nämnden")

    body = slk_client.get(reverse("start")).content.decode()
    assert "Inkorg" in body
    # Anstånd oldest first, each leading to its decision.
    first = body.index(reverse("programs:anstand_decide", args=[older.pk]))
    second = body.index(reverse("programs:anstand_decide", args=[newer.pk]))
    assert first < second
    assert "Rinkeby-Kista stadsdelsnämnd begär anstånd till" in body
    # The new answer leads to reading it.
    assert f'href="{answer.get_absolute_url()}">Svar från Kulturnämnden' in body
    # Late: the remiss whose remisstid passed with Kulturnämnden missing.
    late_section = body[body.index('id="inbox-late"'):body.index('id="inbox-close"')]
    assert "Plan för äldreomsorgen" in late_section and "1 svar saknas" in late_section
    assert "Reviderat program" not in late_section
    # Ready to close: everyone has answered (here: declined).
    close_section = body[body.index('id="inbox-close"'):body.index('id="inbox-open"')]
    assert "Strategi för idrott" in close_section
    assert reverse("programs:remiss_close", args=[done.pk]) in close_section
    assert "Plan för äldreomsorgen" not in close_section


def test_marking_answers_read_empties_the_new_answers(slk_client, users, remiss):
    kun = remiss.recipients.get(organisation__short="kun")
    Recipient.objects.filter(pk=kun.pk).update(answered_at=timezone.now())
    assert len(inbox.slk_inbox(users["slk"]).new_answers) == 1
    page = slk_client.get(reverse("start"))
    shown_at = page.context["shown_at"]
    slk_client.post(reverse("programs:inbox_seen"), {"shown_at": shown_at})
    assert inbox.slk_inbox(users["slk"]).new_answers == []
    # An answer arriving after the page was shown stays new.
    rik = remiss.recipients.get(organisation__short="rik")
    Recipient.objects.filter(pk=rik.pk).update(
        answered_at=timezone.now() + datetime.timedelta(seconds=1))
    assert [a["recipient"].pk for a in inbox.slk_inbox(users["slk"]).new_answers] == [rik.pk]


def test_inbox_is_only_for_slk(client_for, users, remiss):
    body = client_for(users["handlaggare_a"]).get(reverse("start")).content.decode()
    assert "Anstånd att pröva" not in body and "Mitt skrivbord" in body
    response = client_for(users["handlaggare_a"]).post(reverse("programs:inbox_seen"))
    assert response.status_code == 403


def test_inbox_reads_a_constant_number_of_queries(slk_client, users, remiss, orgs, program,
                                                  django_assert_max_num_queries):
    today = timezone.localdate()
    for number in range(5):
        extra = Remiss.objects.create(
            program=program, title=f"Remiss {number}", ks_dnr=f"KS 2026/18{number}0",
            remiss_date=today - datetime.timedelta(days=60),
            deadline=today - datetime.timedelta(days=1), sender=orgs["ks"],
            status=RemissStatus.UTSKICKAD, sent_at=timezone.now())
        for short in ("kun", "rik"):
            Recipient.objects.create(remiss=extra, organisation=orgs[short],
                                     answered_at=timezone.now())
    with django_assert_max_num_queries(14):
        slk_client.get(reverse("start"))
