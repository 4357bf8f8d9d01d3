"""A joint answer (two förvaltningar) shows both förvaltningar, dnr and signatories."""

from organisations.models import OrganisationKind
from programs.models import Recipient
from responses.models import State, UtlatandeRecipient
from responses.pdf.layout import document_context
from responses.pdf.render import render_pdf

from .conftest import pdf_text


def test_joint_answer_shows_both_parties(make_utlatande, orgs, remiss):
    from organisations.models import Organisation

    ssa = Organisation.objects.create(short="ssa", name="Kulturnämnden, Stadsarkivet",
                                      forvaltning="Stadsarkivet",
                                      kind=OrganisationKind.FACKNAMND)
    recipient = Recipient.objects.create(remiss=remiss, organisation=ssa, own_dnr="SSA 2026/77")
    utlatande = make_utlatande(
        state=State.KLAR_FOR_NAMND, till="Kulturnämnden",
        signatories=[{"name": "Per Ekström", "title": "Kulturdirektör", "organisation": ""},
                     {"name": "Eva Sundberg", "title": "Stadsarkivarie", "organisation": "ssa"}])
    UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=recipient)

    context = document_context(utlatande)
    assert context["joint"]
    assert [p.forvaltning for p in context["parties"]] == ["Kulturförvaltningen", "Stadsarkivet"]
    assert [s["name"] for s in context["parties"][1].signatories] == ["Eva Sundberg"]

    text = pdf_text(render_pdf(utlatande))
    assert "Kulturförvaltningen" in text and "Stadsarkivet" in text
    assert "KUN 2026/1234" in text and "SSA 2026/77" in text
    assert "Förvaltningarnas förslag till beslut" in text
    for expected in ["Per Ekström", "Kulturdirektör", "Eva Sundberg", "Stadsarkivarie"]:
        assert expected in text
