"""Remissammanställning as CSV and XLSX (the XLSX opened with openpyxl)."""

import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from programs.models import Recipient, RemissStatus
from responses.content import SectionKind, new_section
from responses.models import Stance, State, Utlatande, UtlatandeRecipient
from tests.decisions import decide


def _answers(remiss, make_answer):
    kun, rik = remiss.recipients.order_by("organisation__short")
    make_answer(kun, state=State.JUSTERAD, stance=Stance.TILLSTYRKER,
                justerad_date=timezone.localdate())
    make_answer(rik, state=State.UTKAST, stance=Stance.AVSTYRKER)
    return kun, rik


def test_csv(slk_client, remiss, make_answer):
    _answers(remiss, make_answer)
    response = slk_client.get(reverse("programs:compilation", args=[remiss.pk, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="remissammanstallning-KS-2026-1350-' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Organisation", "Förvaltning", "Typ av organisation", "Remisstid",
                       "Status", "Ställningstagande", "Beslutsdatum", "Paragraf (§)",
                       "Svarsdatum", "Dagar sen", "Skäl att avstå", "Sammanfattning",
                       "Förvaltningens synpunkter", "Länk"]
    by_org = {r[0]: r for r in rows[1:]}
    kun = by_org["Kulturnämnden"]
    assert kun[4] == "Justerad" and kun[5] == "Tillstyrker"
    assert kun[11] == "Sammanfattning från Kulturnämnden."
    assert kun[12] == "Inga synpunkter."
    assert "/svar/" in kun[13]
    rik = by_org["Rinkeby-Kista stadsdelsnämnd"]
    # A draft of another organisation: its state shows, its content never.
    assert rik[4] == "Utkast" and rik[11] == rik[12] == rik[13] == ""


def test_xlsx(slk_client, remiss, make_answer):
    _answers(remiss, make_answer)
    response = slk_client.get(reverse("programs:compilation", args=[remiss.pk, "xlsx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Remissammanställning"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Organisation" and len(values) == 3
    kun = next(v for v in values if v[0] == "Kulturnämnden")
    assert kun[1] == "Kulturförvaltningen" and kun[3] == remiss.deadline.isoformat()
    assert kun[5] == "Tillstyrker" and kun[11] == "Sammanfattning från Kulturnämnden."
    stances = dict(row for row in book["Ställningstaganden"].iter_rows(values_only=True)
                   if row and len(row) == 2)
    assert stances["Tillstyrker"] == 1 and stances["Avstyrker"] == 0
    assert stances["Har beslutat"] == 1 and stances["Remissinstanser"] == 2
    assert stances["Har inkommit"] == 0


def test_formula_injection_is_neutralised(slk_client, remiss):
    kun = remiss.recipients.get(organisation__short="kun")
    Recipient.objects.filter(pk=kun.pk).update(declined=True,
                                               declined_reason="=HYPERLINK(\"http://x\")")
    text = slk_client.get(reverse("programs:compilation", args=[remiss.pk, "csv"])
                          ).content.decode("utf-8-sig")
    assert ';"\'=HYPERLINK' in text


def test_export_of_invisible_remiss_is_404(client_for, users, remiss):
    remiss.status = RemissStatus.UTKAST
    remiss.save()
    admin = client_for(users["admin"])
    assert admin.get(reverse("programs:compilation", args=[remiss.pk, "pdf"])).status_code == 404
    assert client_for(users["slk"]).get(
        reverse("programs:compilation", args=[remiss.pk + 999, "xlsx"])).status_code == 404
    assert client_for(users["handlaggare_a"]).get(
        reverse("programs:compilation", args=[remiss.pk, "xlsx"])).status_code == 403


def test_every_section_has_its_own_column_with_decision_and_clean_text(slk_client, remiss,
                                                                       orgs):
    """The XLSX holds the synpunkter too (not only the sammanfattning), the nämnd's
    decision date and §, and plain text: lists on their own lines, no control characters
    (which openpyxl would refuse)."""
    kun = remiss.recipients.get(organisation__short="kun")
    answer = Utlatande.objects.create(
        organisation=orgs["kun"], title="Svar", state=State.BESVARAD,
        stance=Stance.TILLSTYRKER_MED_SYNPUNKTER, sections=[
            new_section(SectionKind.SAMMANFATTNING, "Sammanfattning",
                        "<p>Kort\x0b sammanfattning.</p>"),
            new_section(SectionKind.BAKGRUND, "Bakgrund", "<p>Bakgrunden.</p>"),
            new_section(SectionKind.SYNPUNKTER, "Förvaltningens synpunkter",
                        "<p>Vi önskar:</p><ul><li>tydligare mål</li><li>uppföljning &amp; "
                        "analys</li></ul>"),
            new_section(SectionKind.EXTRA, "Stadsarkivets synpunkter", "<p>Arkivet.</p>"),
            new_section(SectionKind.EXTRA, "Övrigt", "<p>Annat\x07 om arkiv.</p>"),
        ])
    decide(answer, meeting_date=datetime.date(2026, 11, 19), paragraph="12",
           justerad_date=datetime.date(2026, 11, 19))
    UtlatandeRecipient.objects.create(utlatande=answer, recipient=kun)
    response = slk_client.get(reverse("programs:compilation", args=[remiss.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content))["Remissammanställning"]
    values = list(sheet.iter_rows(values_only=True))
    header = list(values[0])
    assert header[11:15] == ["Sammanfattning", "Bakgrund", "Förvaltningens synpunkter",
                             "Övrigt avsnitt"]
    row = dict(zip(header, next(v for v in values if v[0] == "Kulturnämnden"), strict=True))
    assert row["Beslutsdatum"] == "2026-11-19" and row["Paragraf (§)"] == "12"
    assert row["Sammanfattning"] == "Kort sammanfattning."
    assert row["Bakgrund"] == "Bakgrunden."
    assert row["Förvaltningens synpunkter"] == (
        "Vi önskar:\n– tydligare mål\n– uppföljning & analys\n\nArkivet.")
    assert row["Övrigt avsnitt"] == "Övrigt\nAnnat om arkiv."
    assert row["Ställningstagande"] == "Tillstyrker med synpunkter"


def test_an_answer_registered_by_slk_has_its_stance_and_link(slk_client, remiss):
    rik = remiss.recipients.get(organisation__short="rik")
    Recipient.objects.filter(pk=rik.pk).update(
        answered_at=timezone.now(), answer_stance="avstyrker",
        answer_url="https://diarium.stockholm.se/rik/1")
    text = slk_client.get(reverse("programs:compilation", args=[remiss.pk, "csv"])
                          ).content.decode("utf-8-sig")
    row = next(r for r in csv.reader(io.StringIO(text), delimiter=";")
               if r[0] == "Rinkeby-Kista stadsdelsnämnd")
    assert row[5] == "Avstyrker" and row[-1] == "https://diarium.stockholm.se/rik/1"
