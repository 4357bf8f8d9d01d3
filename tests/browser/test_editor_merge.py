"""Two people edit one draft in two browsers: nobody's saved work is reverted. What only
one of them changed is merged by itself; the person saving second is told who saved what
and when."""

import re

import pytest
from playwright.sync_api import expect

from responses.models import Utlatande

expect.set_options(timeout=20_000)


pytestmark = pytest.mark.usefixtures("plain_static_names")


def _section(page, heading):
    return page.get_by_role("textbox", name=f"Text i {heading}")


def _two_editors(as_user, make_user):
    from organisations.models import Role

    make_user("anna.kultur", "kun", Role.HANDLAGGARE)
    anna = as_user("anna.kultur")
    anna.get_by_role("button", name=re.compile("Påbörja svar")).first.click()
    edit_url = anna.url
    bertil = as_user("handlaggare.kultur")
    bertil.goto(edit_url)
    return anna, bertil


def _stored() -> dict:
    return {s["heading"]: s["html"] for s in Utlatande.objects.get().sections}


def test_colleagues_autosaved_section_survives_my_save_of_another(as_user, make_user, users,
                                                                   remiss):
    anna, bertil = _two_editors(as_user, make_user)
    _section(anna, "Sammanfattning").click()
    _section(anna, "Sammanfattning").type("Annas sammanfattning.")
    expect(anna.locator("#save-status")).to_contain_text("Sparat", timeout=15_000)

    _section(bertil, "Förvaltningens synpunkter").click()
    _section(bertil, "Förvaltningens synpunkter").type("Bertils synpunkter.")
    bertil.get_by_role("button", name="Spara", exact=True).click()

    expect(bertil.get_by_text(re.compile(r"Anna Testsson har sparat en ny version "
                                         r"\d{4}-\d\d-\d\d \d\d:\d\d och ändrade: "
                                         r"Sammanfattning")).first).to_be_visible()
    expect(bertil.get_by_text(re.compile("Dina ändringar är sammanslagna"))).to_be_visible()
    # The editor now shows both texts, and the database holds both.
    expect(_section(bertil, "Sammanfattning")).to_contain_text("Annas sammanfattning.")
    expect(_section(bertil, "Förvaltningens synpunkter")).to_contain_text("Bertils synpunkter.")
    stored = _stored()
    assert "Annas sammanfattning." in stored["Sammanfattning"]
    assert "Bertils synpunkter." in stored["Förvaltningens synpunkter"]


def test_merge_form_submitted_as_shown_keeps_the_colleagues_other_changes(as_user, make_user,
                                                                         users, remiss):
    anna, bertil = _two_editors(as_user, make_user)
    _section(anna, "Sammanfattning").click()
    _section(anna, "Sammanfattning").type("Annas sammanfattning.")
    _section(anna, "Förvaltningens synpunkter").click()
    _section(anna, "Förvaltningens synpunkter").type("Annas synpunkter.")
    anna.get_by_role("button", name="Spara", exact=True).click()
    expect(anna.get_by_text(re.compile(r"Sparat \d\d:\d\d"))).to_be_visible()

    _section(bertil, "Förvaltningens synpunkter").click()
    _section(bertil, "Förvaltningens synpunkter").type("Bertils synpunkter.")
    bertil.get_by_role("button", name="Spara", exact=True).click()

    expect(bertil.get_by_role("heading", name="Någon annan har sparat dokumentet")).to_be_visible()
    expect(bertil.get_by_role("heading", name="Avsnitt som ni båda har ändrat")).to_be_visible()
    # Anna's autosave may have stored a version before her Spara did: one line per version.
    expect(bertil.get_by_text(re.compile("Anna Testsson har sparat en ny version")).first
           ).to_be_visible()
    # Only the section both changed offers a choice.
    expect(bertil.get_by_label(re.compile("Använd den sparade versionens text"))).to_have_count(1)
    bertil.get_by_role("button", name="Spara sammanslagen version").click()
    expect(bertil.get_by_text(re.compile(r"Sparat \d\d:\d\d"))).to_be_visible()
    stored = _stored()
    assert "Annas sammanfattning." in stored["Sammanfattning"]
    assert "Bertils synpunkter." in stored["Förvaltningens synpunkter"]
