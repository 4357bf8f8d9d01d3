"""PDF download and print preview: permission-checked, archived bytes served as stored."""

import hashlib

import pytest
from django.urls import reverse

from responses.models import State, Utlatande

from .conftest import pdf_text


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_member_downloads_draft_with_watermark(make_utlatande, users, client_for):
    draft = make_utlatande(state=State.UTKAST)
    response = client_for(users["handlaggare_a"]).get(reverse("responses:pdf", args=[draft.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "UTKAST – version 1" in pdf_text(response.content)


@pytest.mark.parametrize("who", ["handlaggare_b", "slk"])
def test_outsiders_get_404_for_a_draft(make_utlatande, users, client_for, who):
    draft = make_utlatande(state=State.GRANSKNING)
    client = client_for(users[who])
    assert client.get(reverse("responses:pdf", args=[draft.pk])).status_code == 404
    assert client.get(reverse("responses:print_preview", args=[draft.pk])).status_code == 404


def test_anonymous_is_sent_to_login(make_utlatande, client):
    draft = make_utlatande()
    response = client.get(reverse("responses:pdf", args=[draft.pk]))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_justerad_download_serves_archived_bytes(make_utlatande, users, client_for, media):
    justerad = make_utlatande(state=State.JUSTERAD)
    client = client_for(users["handlaggare_b"])  # a public document: anyone logged in
    first = b"".join(client.get(reverse("responses:pdf", args=[justerad.pk])).streaming_content)
    justerad.refresh_from_db()
    assert hashlib.sha256(first).hexdigest() == justerad.archived_sha256
    # A new version number would change a fresh render (its PDF /ID): not what is served.
    Utlatande.objects.filter(pk=justerad.pk).update(version=9)
    response = client.get(reverse("responses:pdf", args=[justerad.pk]))
    second = b"".join(response.streaming_content)
    assert second == first
    assert response["X-Checksum-SHA256"] == justerad.archived_sha256


def test_print_preview_uses_the_pdf_template(make_utlatande, users, client_for):
    draft = make_utlatande()
    response = client_for(users["granskare"]).get(
        reverse("responses:print_preview", args=[draft.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="tu tu--draft"' in html
    assert "UTKAST – version 1" in html
    assert "Förvaltningens förslag till beslut" in html
    assert reverse("responses:pdf", args=[draft.pk]) in html
    assert "style=" not in html and "<script>" not in html
