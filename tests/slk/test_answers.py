"""Reading the answers side by side: every organisation's answer to each section next to
each other, filterable by stance and organisation kind, with the previous remiss's answer
of the same nämnd."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.models import Recipient, Remiss, RemissStatus
from responses.content import SectionKind, new_section
from responses.models import Stance, State, Utlatande, UtlatandeRecipient


def _old_remiss(orgs, program):
    return Remiss.objects.create(
        program=program, title="Reviderat program 2016", ks_dnr="174-742/2016",
        remiss_date=datetime.date(2016, 7, 7), deadline=datetime.date(2016, 11, 28),
        sender=orgs["ks"], status=RemissStatus.AVSLUTAD)


def test_side_by_side_with_previous_answer(slk_client, orgs, program, remiss, make_answer):
    old = _old_remiss(orgs, program)
    old_kun = Recipient.objects.create(remiss=old, organisation=orgs["kun"])
    make_answer(old_kun, state=State.BESVARAD, stance=Stance.TILLSTYRKER,
                synpunkter="Kulturen behöver synas tydligare i programmet (2016).")
    kun, rik = remiss.recipients.order_by("organisation__short")
    make_answer(kun, state=State.JUSTERAD, stance=Stance.TILLSTYRKER_MED_SYNPUNKTER,
                synpunkter="Vi saknar fortfarande kulturen (2026).")
    make_answer(rik, state=State.BESLUTAD, stance=Stance.AVSTYRKER,
                synpunkter="Rinkeby-Kista avstyrker <script>alert(1)</script>förslaget.")
    url = reverse("programs:answers", args=[remiss.pk])
    body = slk_client.get(url).content.decode()
    assert "jämförs med remissen 2016 (174-742/2016)" in body
    kun_block = body[body.index('<tr id="answer-'):]
    assert kun_block.index("Vi saknar fortfarande kulturen (2026).") < kun_block.index(
        "Kulturen behöver synas tydligare i programmet (2016).")
    assert "Rinkeby-Kista avstyrker" in body and "<script>alert" not in body
    assert "Inget svar på föregående remiss." in body  # Rinkeby did not answer in 2016
    # Stance summary counts only answers that count (justerad or later).
    assert "Tillstyrker med synpunkter: <strong>1</strong>" in body
    assert "Avstyrker: <strong>0</strong>" in body

    body = slk_client.get(url, {"avsnitt": "synpunkter"}).content.decode()
    assert "Sammanfattning från Kulturnämnden." not in body
    assert "Vi saknar fortfarande kulturen (2026)." in body
    assert slk_client.get(url, {"avsnitt": "<x>"}).status_code == 200


def test_drafts_are_not_shown(slk_client, remiss, make_answer):
    kun = remiss.recipients.get(organisation__short="kun")
    make_answer(kun, state=State.GRANSKNING, synpunkter="Hemligt utkast.")
    body = slk_client.get(reverse("programs:answers", args=[remiss.pk])).content.decode()
    assert "Hemligt utkast." not in body and "Inga färdiga svar att läsa ännu." in body


def test_joint_answer_appears_once_with_both_names(slk_client, orgs, remiss):
    kun, rik = remiss.recipients.order_by("organisation__short")
    joint = Utlatande.objects.create(organisation=orgs["kun"], title="Gemensamt svar",
                                     state=State.JUSTERAD, sections=[])
    for recipient in (kun, rik):
        UtlatandeRecipient.objects.create(utlatande=joint, recipient=recipient)
    body = slk_client.get(reverse("programs:answers", args=[remiss.pk])).content.decode()
    assert body.count(f'id="answer-{joint.pk}"') == 1
    assert "Kulturnämnden och Rinkeby-Kista stadsdelsnämnd" in body


def test_answers_queries_are_constant(slk_client, orgs, program, remiss, make_answer):
    old = _old_remiss(orgs, program)
    for recipient in remiss.recipients.all():
        make_answer(recipient, state=State.JUSTERAD)
        make_answer(Recipient.objects.create(remiss=old, organisation=recipient.organisation),
                    state=State.BESVARAD)
    with CaptureQueriesContext(connection) as queries:
        slk_client.get(reverse("programs:answers", args=[remiss.pk]))
    assert len(queries) <= 18  # +2: the nämnd's paragraphs and their meetings


def test_only_slk_reads_side_by_side(client_for, users, remiss):
    response = client_for(users["handlaggare_a"]).get(
        reverse("programs:answers", args=[remiss.pk]))
    assert response.status_code == 403


def test_free_form_sections_are_placed_by_heading(slk_client, orgs, remiss):
    kun = remiss.recipients.get(organisation__short="kun")
    imported = Utlatande.objects.create(
        organisation=orgs["kun"], title="Importerat svar", state=State.BESVARAD,
        sections=[new_section(SectionKind.EXTRA, "Stadsarkivets synpunkter och förslag",
                              "<p>Arkivfrågorna behöver lyftas.</p>"),
                  new_section(SectionKind.EXTRA, "Text", "<p>Löptext.</p>")])
    UtlatandeRecipient.objects.create(utlatande=imported, recipient=kun)
    url = reverse("programs:answers", args=[remiss.pk])
    body = slk_client.get(url).content.decode()
    assert "Arkivfrågorna behöver lyftas." in body and "Löptext." not in body
    assert 'value="extra"' in body  # free-form sections can be chosen too
    assert "Löptext." in slk_client.get(url, {"avsnitt": "extra"}).content.decode()


def test_all_organisations_side_by_side_filtered_by_stance_and_kind(slk_client, orgs, remiss,
                                                                     more_orgs, make_answer):
    kun, rik = remiss.recipients.order_by("organisation__short")
    sod = Recipient.objects.create(remiss=remiss, organisation=more_orgs["sod"])
    make_answer(kun, state=State.JUSTERAD, stance=Stance.TILLSTYRKER,
                synpunkter="Kulturen saknas.")
    rik_answer = make_answer(rik, state=State.BESVARAD, stance=Stance.AVSTYRKER,
                             synpunkter="Rinkeby-Kista avstyrker.")
    make_answer(sod, state=State.BESVARAD, stance=Stance.AVSTYRKER,
                synpunkter="Södermalm avstyrker.")
    url = reverse("programs:answers", args=[remiss.pk])
    body = slk_client.get(url).content.decode()
    # One row per organisation; sammanfattning and synpunkter are columns side by side.
    assert body.count('<tr id="answer-') == 3
    header = body[body.index("<thead>"):body.index("</thead>")]
    assert header.index("Sammanfattning") < header.index("Förvaltningens synpunkter")
    row = body[body.index(f'<tr id="answer-{rik_answer.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "Avstyrker" in row and "Sammanfattning från Rinkeby-Kista" in row
    assert "Rinkeby-Kista avstyrker." in row

    body = slk_client.get(url, {"stallningstagande": "avstyrker"}).content.decode()
    assert "Visar 2 av 3 svar" in body
    assert "Kulturen saknas." not in body and "Södermalm avstyrker." in body
    body = slk_client.get(url, {"stallningstagande": "avstyrker",
                                "typ": "stadsdelsnamnd"}).content.decode()
    assert "Rinkeby-Kista avstyrker." in body and "Södermalm avstyrker." in body
    body = slk_client.get(url, {"typ": "facknamnd"}).content.decode()
    assert "Visar 1 av 3 svar" in body and "Kulturen saknas." in body
    body = slk_client.get(url, {"typ": "bolag"}).content.decode()
    assert "Inga svar matchar filtret." in body
    assert slk_client.get(url, {"typ": "<x>", "stallningstagande": "?"}).status_code == 200
