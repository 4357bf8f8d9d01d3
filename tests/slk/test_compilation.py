"""Remissammanställning as CSV and XLSX (the XLSX opened with openpyxl)."""

import csv
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from programs.models import Recipient, RemissStatus
from responses.models import Stance, State


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
    assert rows[0][:5] == ["Organisation", "Förvaltning", "Remisstid", "Status",
                           "Ställningstagande"]
    by_org = {r[0]: r for r in rows[1:]}
    kun = by_org["Kulturnämnden"]
    assert kun[3] == "Justerad" and kun[4] == "Tillstyrker"
    assert kun[7] == "Sammanfattning från Kulturnämnden."
    assert kun[8].endswith("/svar/" + kun[8].rsplit("/svar/", 1)[1])
    rik = by_org["Rinkeby-Kista stadsdelsnämnd"]
    # A draft of another organisation: its state shows, its content never.
    assert rik[3] == "Utkast" and rik[7] == "" and rik[8] == ""


def test_xlsx(slk_client, remiss, make_answer):
    _answers(remiss, make_answer)
    response = slk_client.get(reverse("programs:compilation", args=[remiss.pk, "xlsx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Remissammanställning"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Organisation" and len(values) == 3
    kun = next(v for v in values if v[0] == "Kulturnämnden")
    assert kun[1] == "Kulturförvaltningen" and kun[2] == remiss.deadline.isoformat()
    assert kun[4] == "Tillstyrker" and kun[7] == "Sammanfattning från Kulturnämnden."
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
