"""Joint answers (issue 17) in the browser: one förvaltning invites another from the
editor, the other accepts or declines on its desk, and may leave again while the answer
is an utkast. Two people in two browser contexts; what each of them sees."""

import re

import pytest
from playwright.sync_api import expect

from responses.models import JointInvitation, Utlatande

# The machine is shared: be patient rather than flaky.
expect.set_options(timeout=20_000)

A_FORVALTNING = "Kulturförvaltningen"
B_FORVALTNING = "Rinkeby-Kista stadsdelsförvaltning"
B_NAMND = "Rinkeby-Kista stadsdelsnämnd"


pytestmark = pytest.mark.usefixtures("plain_static_names")


def _desk_row(page, remiss):
    """The remiss's row in "Öppna remisser till din organisation"."""
    return page.get_by_role("row").filter(has_text=remiss.ks_dnr)


def _joint_section(page):
    return page.get_by_role("region", name="Gemensamt svar")


def _status(page):
    return page.locator(".messages[role=status]")


def _a_invites_b(as_user, remiss):
    """Kultur's handläggare starts the answer on the desk and invites Rinkeby-Kista."""
    a = as_user("handlaggare.kultur")
    _desk_row(a, remiss).get_by_role("button", name=re.compile("Påbörja svar")).click()
    expect(a.get_by_role("heading", name="Redigera tjänsteutlåtande")).to_be_visible()
    joint = _joint_section(a)
    expect(joint).to_contain_text(f"Svaret skrivs av {A_FORVALTNING}.")
    joint.get_by_label("Bjud in att svara gemensamt").select_option(
        label=f"{B_FORVALTNING} ({B_NAMND})")
    joint.get_by_role("button", name="Skicka inbjudan").click()
    expect(_status(a)).to_contain_text(
        f"{B_NAMND} är inbjuden att svara gemensamt. Svaret blir gemensamt när de har "
        "tackat ja.")
    expect(a.get_by_role("heading", name="Redigera tjänsteutlåtande")).to_be_visible()
    joint = _joint_section(a)
    expect(joint.get_by_text(f"Inbjudan till {B_FORVALTNING} väntar på svar")).to_be_visible()
    expect(joint.get_by_role("button", name=f"Återkalla ({B_FORVALTNING})")).to_be_visible()
    # Invited once is enough: the only other recipient is no longer offered.
    expect(joint.get_by_label("Bjud in att svara gemensamt")).to_have_count(0)
    return a


def _b_sees_the_invitation(as_user, remiss):
    b = as_user("handlaggare.rinkeby")
    invitations = b.get_by_role("region", name="Inbjudningar till gemensamt svar")
    expect(invitations).to_contain_text(
        f"{A_FORVALTNING} vill svara gemensamt med er på {remiss.title} ({remiss.ks_dnr}).")
    # Nothing is linked before B answers: its own row still offers an answer of its own.
    row = _desk_row(b, remiss)
    expect(row.get_by_role("button", name=f"Påbörja svar på {remiss.ks_dnr}")).to_be_visible()
    expect(row.get_by_role("link", name="Utkast")).to_have_count(0)
    return b, invitations


def test_invited_organisation_accepts_opens_the_joint_draft_from_its_desk_and_leaves(
        as_user, users, remiss, screenshot):
    a = _a_invites_b(as_user, remiss)
    draft = Utlatande.objects.get()
    b, invitations = _b_sees_the_invitation(as_user, remiss)
    screenshot(b, "joint-invitation-desk")

    invitations.get_by_role("button", name="Tacka ja").click()
    expect(_status(b)).to_contain_text(
        "Svaret är nu gemensamt. Varje organisation behöver godkänna det.")
    expect(b.get_by_role("heading", name="Redigera tjänsteutlåtande")).to_be_visible()

    # Back on the desk: the invitation is answered and B's row leads to the joint draft.
    b.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Start").click()
    expect(b.get_by_role("heading", name="Inbjudningar till gemensamt svar")).to_have_count(0)
    row = _desk_row(b, remiss)
    expect(row.get_by_role("button", name=re.compile("Påbörja svar"))).to_have_count(0)
    row.get_by_role("link", name="Utkast").click()
    expect(b.get_by_role("heading", name=draft.title)).to_be_visible()
    expect(b.get_by_test_id("doc-status")).to_contain_text("Status: Utkast")
    # The read page says the answer is joint, and with whom.
    expect(b.get_by_test_id("doc-joint")).to_have_text(
        f"Gemensamt svar: {A_FORVALTNING} skriver svaret tillsammans med {B_FORVALTNING}.")
    b.get_by_role("navigation", name="Dokumentet").get_by_role("link", name="Redigera").click()
    expect(b.get_by_role("heading", name="Redigera tjänsteutlåtande")).to_be_visible()
    joint = _joint_section(b)
    expect(joint).to_contain_text(f"Svaret skrivs av {A_FORVALTNING}.")
    # B reads its own part in its own words, not "together with" itself.
    expect(joint.get_by_text(f"Ni ({B_FORVALTNING}) svarar gemensamt i detta svar.")
           ).to_be_visible()
    expect(joint.get_by_text(re.compile("Gemensamt med"))).to_have_count(0)
    screenshot(b, "joint-editor-partner")

    # A's editor and the document itself name both förvaltningar.
    a.reload()
    expect(_joint_section(a).get_by_text(f"Gemensamt med {B_FORVALTNING}")).to_be_visible()
    expect(_joint_section(a).get_by_role(
        "button", name=f"Ta bort ur svaret ({B_FORVALTNING})")).to_be_visible()
    expect(_joint_section(a).get_by_text("väntar på svar")).to_have_count(0)
    a.get_by_role("link", name="Utskriftsversion").click()
    expect(a.locator(".tu-forvaltning")).to_have_text([A_FORVALTNING, B_FORVALTNING])

    # B leaves while the answer is an utkast.
    joint.get_by_role("button", name="Lämna det gemensamma svaret").click()
    expect(_status(b)).to_contain_text(f"{B_NAMND} är inte längre med i svaret.")
    expect(b.get_by_role("heading", name="Mitt skrivbord")).to_be_visible()
    row = _desk_row(b, remiss)
    expect(row.get_by_role("button", name=f"Påbörja svar på {remiss.ks_dnr}")).to_be_visible()
    expect(row.get_by_role("link", name="Utkast")).to_have_count(0)

    # A's document no longer lists B; B may be invited again.
    a.reload()
    expect(a.locator(".tu-forvaltning")).to_have_text([A_FORVALTNING])
    a.go_back()
    a.reload()
    joint = _joint_section(a)
    expect(joint.get_by_text(re.compile("Gemensamt med"))).to_have_count(0)
    expect(a.get_by_test_id("doc-joint")).to_have_count(0)
    expect(joint.get_by_label("Bjud in att svara gemensamt")).to_contain_text(B_FORVALTNING)
    assert list(draft.active_recipients().values_list("organisation__short", flat=True)) == [
        "kun"]


def test_declined_invitation_is_shown_to_the_inviter_and_links_nothing(as_user, users, remiss):
    a = _a_invites_b(as_user, remiss)
    b, invitations = _b_sees_the_invitation(as_user, remiss)

    invitations.get_by_role("button", name="Tacka nej").click()
    expect(_status(b)).to_contain_text("Ni har tackat nej till att svara gemensamt.")
    expect(b.get_by_role("heading", name="Inbjudningar till gemensamt svar")).to_have_count(0)
    row = _desk_row(b, remiss)
    expect(row.get_by_role("button", name=f"Påbörja svar på {remiss.ks_dnr}")).to_be_visible()
    expect(row.get_by_role("link", name="Utkast")).to_have_count(0)

    # A's editor says so; B is not part of the answer and may be asked again.
    a.reload()
    joint = _joint_section(a)
    expect(joint.get_by_text(f"{B_FORVALTNING} har tackat nej till att svara gemensamt")
           ).to_be_visible()
    expect(joint.get_by_text("väntar på svar")).to_have_count(0)
    expect(joint.get_by_text(re.compile("Gemensamt med"))).to_have_count(0)
    expect(joint.get_by_label("Bjud in att svara gemensamt")).to_contain_text(B_FORVALTNING)
    assert JointInvitation.objects.get().status == JointInvitation.Status.DECLINED
    assert Utlatande.objects.get().active_recipients().count() == 1
