"""Text pasted from Word carries field codes (\\x13 instruction \\x14 result \\x15) and
other control characters: the editor stores the visible text only."""

from django.urls import reverse

from responses.models import Utlatande
from tests.conftest import PASSWORD

from .helpers import editor_post


def test_editor_strips_word_field_codes_and_control_characters(client, users, draft):
    assert client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    key = draft.sections[0]["key"]
    post = editor_post(draft, title="Svar\x0b på remissen",
                       decision_points="Nämnden\x1f godkänner",
                       **{f"html_{key}": "<p>Se \x13 REF _Ref1 \\h \x14 2.1\x15 nedan\x0c.</p>",
                          f"heading_{key}": "Samman\x1bfattning"})
    assert client.post(reverse("responses:edit", args=[draft.pk]), post).status_code == 302
    stored = Utlatande.objects.get(pk=draft.pk)
    assert stored.title == "Svar på remissen"
    assert stored.decision_points == ["Nämnden godkänner"]
    assert stored.sections[0]["html"] == "<p>Se  2.1 nedan.</p>"
    assert stored.sections[0]["heading"] == "Sammanfattning"
