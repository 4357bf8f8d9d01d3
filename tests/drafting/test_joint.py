"""Joint answers by invitation and consent: invite, accept or decline, withdraw, leave.

The story from issue 17: one förvaltning could link another's recipient row to its own
draft; the other's "Påbörja svar" then opened the first one's draft, with no way out.
"""

import pytest
from django.urls import reverse

from responses import joint, workflow
from responses.models import JointInvitation, State, Utlatande

from .test_start_and_desk import login

pytestmark = pytest.mark.django_db


def invite(client, draft, recipient):
    return client.post(reverse("responses:joint_invite", args=[draft.pk]),
                       {"recipient": recipient.pk})


def answer(client, invitation, decision):
    return client.post(reverse("responses:joint_answer", args=[invitation.pk]),
                       {"decision": decision})


def test_inviting_links_nothing_and_the_other_organisation_starts_its_own_answer(
        client, users, draft, recipient_a, recipient_b):
    login(client, users["handlaggare_a"])
    body = client.get(reverse("responses:edit", args=[draft.pk])).content.decode()
    assert "Bjud in att svara gemensamt" in body and "Rinkeby-Kista" in body
    response = invite(client, draft, recipient_b)
    assert response.status_code == 302
    assert list(draft.active_recipients()) == [recipient_a]
    invitation = JointInvitation.objects.get()
    assert invitation.is_pending and invitation.invited_by == users["handlaggare_a"]
    body = client.get(reverse("responses:edit", args=[draft.pk])).content.decode()
    assert "väntar på svar" in body
    # Rinkeby-Kista's "Påbörja svar" opens an answer of its own, not Kultur's draft.
    client.logout()
    login(client, users["handlaggare_b"])
    response = client.post(reverse("responses:start", args=[recipient_b.pk]))
    own = Utlatande.objects.get(links__recipient=recipient_b, links__is_active=True)
    assert own != draft and own.organisation == recipient_b.organisation
    assert response["Location"] == reverse("responses:edit", args=[own.pk])
    # Having an answer of its own, it can no longer accept.
    answer(client, invitation, "ja")
    invitation.refresh_from_db()
    assert invitation.is_pending and list(draft.active_recipients()) == [recipient_a]


def test_the_invited_organisation_accepts_from_its_desk(client, users, draft, recipient_a,
                                                        recipient_b):
    invitation = joint.joint_invite(utlatande=draft, recipient=recipient_b,
                                    by=users["handlaggare_a"])
    login(client, users["handlaggare_b"])
    desk = client.get(reverse("start")).content.decode()
    assert "Inbjudningar till gemensamt svar" in desk and "Tacka ja" in desk
    assert client.get(reverse("responses:edit", args=[draft.pk])).status_code == 404
    response = answer(client, invitation, "ja")
    assert response["Location"] == reverse("responses:edit", args=[draft.pk])
    assert set(draft.active_recipients()) == {recipient_a, recipient_b}
    invitation.refresh_from_db()
    assert invitation.status == JointInvitation.Status.ACCEPTED
    assert invitation.decided_by == users["handlaggare_b"]
    assert client.get(reverse("responses:edit", args=[draft.pk])).status_code == 200
    assert "Inbjudningar till gemensamt svar" not in client.get(reverse("start")).content.decode()


@pytest.mark.parametrize("who", ["handlaggare_a", "granskare", "slk"])
def test_only_a_handlaggare_of_the_invited_organisation_may_answer(client, users, draft,
                                                                    recipient_b, who):
    invitation = joint.joint_invite(utlatande=draft, recipient=recipient_b,
                                    by=users["handlaggare_a"])
    login(client, users[who])
    assert answer(client, invitation, "ja").status_code == 403
    assert draft.active_recipients().count() == 1


def test_declining_and_withdrawing(client, users, draft, recipient_b):
    invitation = joint.joint_invite(utlatande=draft, recipient=recipient_b,
                                    by=users["handlaggare_a"])
    login(client, users["handlaggare_b"])
    answer(client, invitation, "nej")
    invitation.refresh_from_db()
    assert invitation.status == JointInvitation.Status.DECLINED
    assert draft.active_recipients().count() == 1
    client.logout()
    login(client, users["handlaggare_a"])
    editor = reverse("responses:edit", args=[draft.pk])
    assert "har tackat nej till att svara gemensamt" in client.get(editor).content.decode()
    # A new invitation, withdrawn before it is answered, can no longer be accepted.
    again = joint.joint_invite(utlatande=draft, recipient=recipient_b,
                               by=users["handlaggare_a"])
    # Asked again: the earlier no is history.
    assert "har tackat nej" not in client.get(editor).content.decode()
    client.post(reverse("responses:joint_withdraw", args=[again.pk]))
    again.refresh_from_db()
    assert again.status == JointInvitation.Status.WITHDRAWN
    client.logout()
    login(client, users["handlaggare_b"])
    body = answer(client, again, "ja").content.decode()
    assert draft.active_recipients().count() == 1
    body = client.get(reverse("start")).content.decode()
    assert "redan besvarad eller återkallad" in body


def test_the_partner_leaves_while_the_answer_is_an_utkast(client, users, draft, recipient_a,
                                                          recipient_b):
    invitation = joint.joint_invite(utlatande=draft, recipient=recipient_b,
                                    by=users["handlaggare_a"])
    joint.joint_accept(invitation=invitation, by=users["handlaggare_b"])
    login(client, users["handlaggare_b"])
    assert "Lämna det gemensamma svaret" in client.get(
        reverse("responses:edit", args=[draft.pk])).content.decode()
    response = client.post(reverse("responses:joint_leave", args=[draft.pk]),
                           {"recipient": recipient_b.pk})
    assert response["Location"] == reverse("start")
    assert list(draft.active_recipients()) == [recipient_a]
    # Free again: Rinkeby-Kista starts its own answer.
    client.post(reverse("responses:start", args=[recipient_b.pk]))
    assert Utlatande.objects.filter(links__recipient=recipient_b, links__is_active=True,
                                    organisation=recipient_b.organisation).exists()
    assert draft.links.model.history.filter(history_type="-",
                                            history_user=users["handlaggare_b"]).exists()


def test_the_owner_detaches_the_partner_but_not_after_the_utkast(users, draft, recipient_a,
                                                                 recipient_b):
    invitation = joint.joint_invite(utlatande=draft, recipient=recipient_b,
                                    by=users["handlaggare_a"])
    joint.joint_accept(invitation=invitation, by=users["handlaggare_b"])
    workflow.apply(draft, "skicka_till_granskning", users["handlaggare_a"])
    assert draft.state == State.GRANSKNING
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        joint.joint_leave(utlatande=draft, recipient=recipient_b, by=users["handlaggare_a"])
    assert refused.value.code == "not_utkast"
    workflow.apply(draft, "aterforvisa", users["granskare"], comment="Gör om.")
    joint.joint_leave(utlatande=draft, recipient=recipient_b, by=users["handlaggare_a"])
    assert list(draft.active_recipients()) == [recipient_a]
    # The owning organisation's own row cannot be "left".
    with pytest.raises(ValidationError):
        joint.joint_leave(utlatande=draft, recipient=recipient_a, by=users["handlaggare_a"])


def test_inviting_twice_or_an_organisation_with_its_own_answer_is_refused(
        client, users, draft, draft_b, recipient_b):
    login(client, users["handlaggare_a"])
    assert invite(client, draft, recipient_b).status_code == 404  # B has its own answer
    assert not JointInvitation.objects.exists()
