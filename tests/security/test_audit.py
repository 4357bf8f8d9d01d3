"""Audit: every change of a case is in its history with the user; administrators export it
as CSV; history cannot be edited from the UI."""

import csv
import io

import pytest
from django.contrib import admin
from django.urls import reverse

from responses import workflow


def _rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.mark.django_db
def test_admin_exports_the_audit_trail_of_one_case(client, world):
    world.recipient_a.own_dnr = "KUN 2026/12"
    world.recipient_a._history_user = world.users["handlaggare_a"]
    world.recipient_a.save()
    workflow.apply(world.draft_a, "skicka_till_granskning", world.users["handlaggare_a"])
    client.force_login(world.users["admin"])
    response = client.get(reverse("audit_remiss_csv", args=[world.remiss.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = _rows(response)
    assert rows[0][:5] == ["tidpunkt", "objekt", "id", "händelse", "användare"]
    objects = {row[1] for row in rows[1:]}
    assert {"Remiss", "Remissinstans", "Tjänsteutlåtande", "Bilaga", "Statusbyte",
            "Granskningskommentar", "Anstånd", "Remitterat dokument"} <= objects
    change = next(row for row in rows if row[1] == "Remissinstans" and row[3] == "Ändrad")
    assert "handlaggare.kultur" in change[4] and "own_dnr" in change[5]
    step = next(row for row in rows if row[1] == "Statusbyte")
    assert step[3] == "utkast → granskning" and "handlaggare.kultur" in step[4]
    # Another case's answer is not in this case's trail.
    assert str(world.decided_a.pk) not in {row[2] for row in rows if row[1] ==
                                           "Tjänsteutlåtande"}


@pytest.mark.django_db
def test_cells_that_look_like_formulas_are_neutralised(client, world):
    world.draft_a.history.update(history_change_reason='=HYPERLINK("http://evil","x")')
    client.force_login(world.users["admin"])
    rows = _rows(client.get(reverse("audit_remiss_csv", args=[world.remiss.pk])))
    reasons = [row[6] for row in rows
               if row[1] == "Tjänsteutlåtande" and row[2] == str(world.draft_a.pk)]
    assert reasons and all(reason.startswith("'=") for reason in reasons)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["handlaggare_a", "granskare", "sekreterare", "slk"])
def test_only_administrators_may_export(client, world, role):
    client.force_login(world.users[role])
    assert client.get(reverse("audit_remiss_csv", args=[world.remiss.pk])).status_code == 403


def test_history_cannot_be_edited_from_the_ui():
    """No historical model is in the admin; the app's own history views only read or add a
    new version (responses:restore saves the old text as a new change)."""
    registered = [model.__name__ for model in admin.site._registry]
    assert registered
    assert not [name for name in registered if name.startswith("Historical")]
