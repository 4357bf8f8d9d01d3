"""The SLK demo data: anstånd requests on the seeded city, idempotent."""

from django.core.management import call_command

from programs.demo import seed_slk_demo
from programs.models import AnstandRequest, AnstandStatus, Recipient


def test_seed_slk_demo_is_idempotent(db, settings, demo_clock):
    settings.DEBUG = True
    call_command("seed_demo")
    seed_slk_demo()
    seed_slk_demo()
    assert AnstandRequest.objects.count() == 2
    granted = AnstandRequest.objects.get(status=AnstandStatus.BEVILJAD)
    recipient = Recipient.objects.get(pk=granted.recipient_id)
    assert recipient.effective_deadline == granted.granted_deadline
    assert AnstandRequest.objects.filter(status=AnstandStatus.BEGARD).count() == 1


def test_demo_remiss_side_by_side_and_xlsx(db, settings, client):
    """On the demo's miljöprogram every answering organisation's sammanfattning and
    synpunkter stand side by side, and the XLSX has each section in its own column."""
    import io

    from openpyxl import load_workbook

    from organisations.models import User
    from programs.models import Remiss
    from responses.models import UtlatandeRecipient

    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    miljo = Remiss.objects.get(ks_dnr="KS 2026/1204")
    answered = {link.recipient.organisation.name for link in UtlatandeRecipient.objects.filter(
        recipient__remiss=miljo, is_active=True, utlatande__state="besvarad"
    ).select_related("recipient__organisation")}
    assert len(answered) >= 8
    client.force_login(User.objects.get(username="slk"))
    body = client.get(f"/remisser/{miljo.pk}/svar/").content.decode()
    assert body.count('<tr id="answer-') >= len(answered)
    for name in answered:
        assert name in body
    header = body[body.index("<thead>"):body.index("</thead>")]
    assert "Sammanfattning" in header and "Förvaltningens synpunkter" in header

    response = client.get(f"/remisser/{miljo.pk}/remissammanstallning.xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["Remissammanställning"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    for column in ("Sammanfattning", "Ärendet", "Ärendets beredning",
                   "Förvaltningens synpunkter"):
        assert column in header
    synpunkter = header.index("Förvaltningens synpunkter")
    filled = [r for r in rows[1:] if r[0] in answered]
    assert len(filled) == len(answered) and all(r[synpunkter] for r in filled)
