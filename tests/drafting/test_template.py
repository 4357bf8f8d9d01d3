"""The nämndsekreterare edits the organisation's template; new answers start from it."""

import pytest
from django.urls import reverse

from responses.models import ResponseTemplate, Utlatande
from tests.conftest import PASSWORD


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_sekreterare_edits_the_template_and_new_answers_use_it(client, users, recipient_a):
    login(client, users["sekreterare"])
    page = client.get(reverse("responses:template"))
    assert page.status_code == 200 and "Ärendet justeras omedelbart" in page.content.decode()
    client.post(reverse("responses:template"), {
        "decision_points": "Kulturnämnden godkänner svaret.\nÄrendet justeras omedelbart.",
        "kind_0": "sammanfattning", "heading_0": "Sammanfattning",
        "html_0": "<p>Kort.</p><script>x</script>",
        "kind_1": "arendet", "heading_1": "", "html_1": "",
        "kind_2": "beredning", "heading_2": "", "html_2": "",
        "kind_3": "synpunkter", "heading_3": "Kulturförvaltningens synpunkter", "html_3": "",
        "kind_4": "extra", "heading_4": "", "html_4": "",
        "kind_5": "extra", "heading_5": "", "html_5": "",
    })
    template = ResponseTemplate.objects.get(organisation=users["sekreterare"].organisation)
    assert template.decision_points[0] == "Kulturnämnden godkänner svaret."
    assert [s["heading"] for s in template.sections] == ["Sammanfattning",
                                                          "Kulturförvaltningens synpunkter"]
    assert "script" not in template.sections[0]["html"]
    client.logout()
    login(client, users["handlaggare_a"])
    client.post(reverse("responses:start", args=[recipient_a.pk]))
    utlatande = Utlatande.objects.get()
    assert utlatande.decision_points[0] == "Kulturnämnden godkänner svaret."
    assert utlatande.sections[1]["heading"] == "Kulturförvaltningens synpunkter"


@pytest.mark.parametrize("user_key", ["handlaggare_a", "granskare", "slk"])
def test_only_sekreterare_may_edit_the_template(client, users, user_key):
    login(client, users[user_key])
    assert client.get(reverse("responses:template")).status_code == 403
    assert client.post(reverse("responses:template"), {"decision_points": "x"}).status_code == 403
    assert not ResponseTemplate.objects.exists()
