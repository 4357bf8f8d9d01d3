"""A small demo-like world for the security tests: a sent remiss and an unsent one, a draft
of organisation A (Kulturförvaltningen) with a bilaga and a review comment, a public answer
of organisation B (Rinkeby-Kista), remitted documents. Every URL's kwargs are built from it."""

import datetime
import hashlib
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.models import Arende, Outcome, Sammantrade
from organisations.models import Organisation
from programs.models import (
    AnstandRequest,
    Program,
    Recipient,
    Remiss,
    RemissDocument,
    RemissStatus,
)
from reminders.models import CalendarFeedToken
from responses.content import STANDARD_DECISION_POINTS, STANDARD_SECTIONS, new_section
from responses.models import (
    Bilaga,
    ExportJob,
    JointInvitation,
    ReviewComment,
    State,
    Utlatande,
    UtlatandeRecipient,
)
from responses.pdf.exports import KIND_PDF

from .files import pdf

# Marks text that only organisation A may read; a response to anyone else must not contain it.
SECRET = "HEMLIGT-UTKAST-A"


def make_answer(recipient, owner, title, state=State.UTKAST, bilaga=None):
    """An answer in `state`. Bilagor and archive fields are added while it is still a
    draft: the database refuses to change a justerad or besvarad document."""
    utlatande = Utlatande.objects.create(
        organisation=recipient.organisation, owner=owner, title=title, state=State.UTKAST,
        till=recipient.organisation.name, decision_points=list(STANDARD_DECISION_POINTS),
        sections=[new_section(kind, heading, f"<p>{heading}: {title}</p>")
                  for kind, heading in STANDARD_SECTIONS])
    UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=recipient)
    if bilaga:
        attach(utlatande, bilaga)
    changes = {"state": state}
    if state in (State.JUSTERAD, State.BESVARAD):
        # As the justering leaves it: the archived PDF, served byte for byte from then on.
        data = pdf()
        changes.update(archived_pdf=utlatande.archived_pdf.storage.save(
            "arkiv/arkiv.pdf", ContentFile(data)),
            archived_sha256=hashlib.sha256(data).hexdigest(), archived_at=timezone.now())
    Utlatande.objects.filter(pk=utlatande.pk).update(**changes)
    utlatande.refresh_from_db()
    return utlatande


def other_recipient(organisation, program):
    """A recipient row of another, older remiss of the same program."""
    old = Remiss.objects.create(
        program=program, title="Program för kvalitetsutveckling 2021", ks_dnr="KS 2021/866",
        remiss_date=datetime.date(2021, 6, 1), deadline=datetime.date(2021, 10, 19),
        sender=Organisation.objects.get(short="ks"), status=RemissStatus.AVSLUTAD)
    return Recipient.objects.create(remiss=old, organisation=organisation)


def finished_export(user):
    job = ExportJob(kind=KIND_PDF, created_by=user, status=ExportJob.Status.DONE,
                    params={"organisation": user.organisation_id})
    job.file.save("justering.pdf", ContentFile(pdf()), save=False)
    job.save()
    return job


def attach(utlatande, title):
    bilaga = Bilaga(utlatande=utlatande, order=1, title=title, content_type="application/pdf")
    bilaga.file.save("bilaga.pdf", ContentFile(pdf()), save=False)
    bilaga.size = bilaga.file.size
    bilaga.save()
    return bilaga


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Six users with PBKDF2 take seconds per test on a shared machine; the hasher is not
    what these tests are about."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(users, orgs, remiss, program, media):
    today = timezone.localdate()
    recipient_a = remiss.recipients.get(organisation=orgs["kun"])
    recipient_b = remiss.recipients.get(organisation=orgs["rik"])
    draft_a = make_answer(recipient_a, users["handlaggare_a"],
                          f"{SECRET} Kulturförvaltningens svar")
    public_b = make_answer(recipient_b, users["handlaggare_b"], "Rinkeby-Kistas svar",
                           state=State.BESVARAD, bilaga="Bilaga B")
    remiss_utkast = Remiss.objects.create(
        program=program, title="Ej utskickad remiss", ks_dnr="KS 2026/9999",
        remiss_date=today, deadline=today + datetime.timedelta(days=60), sender=orgs["ks"],
        status=RemissStatus.UTKAST, created_by=users["slk"])
    document = RemissDocument(remiss=remiss, title="Tjänsteutlåtande från SLK", order=1)
    document.file.save("slk.pdf", ContentFile(pdf()), save=False)
    document.save()
    other_program = Program.objects.create(title="Program för ett annat ämne")
    meeting_a = Sammantrade.objects.create(organisation=orgs["kun"],
                                           date=today + datetime.timedelta(days=7))
    decided_a = make_answer(other_recipient(orgs["kun"], program), users["handlaggare_a"],
                            "Kulturförvaltningens beslutade svar", state=State.BESLUTAD)
    arende_a = Arende.objects.create(meeting=meeting_a, utlatande=decided_a, paragraph="12",
                                     outcome=Outcome.ENLIGT_FORSLAG,
                                     recorded_by=users["sekreterare"])
    anstand_a = AnstandRequest.objects.create(
        recipient=recipient_a, requested_deadline=remiss.deadline + datetime.timedelta(days=14),
        reason="Nämnden sammanträder först efter remisstiden.",
        requested_by=users["handlaggare_a"], previous_deadline=remiss.deadline)
    remiss_open = Remiss.objects.create(
        program=other_program, title="Remiss utan svar", ks_dnr="KS 2026/2000",
        remiss_date=today, deadline=today + datetime.timedelta(days=30), sender=orgs["ks"],
        status=RemissStatus.UTSKICKAD, sent_at=timezone.now())
    for short in ("kun", "rik"):
        Recipient.objects.create(remiss=remiss_open, organisation=orgs[short])
    return SimpleNamespace(
        users=users, orgs=orgs, remiss=remiss, program=program, other_program=other_program,
        remiss_utkast=remiss_utkast, recipient_a=recipient_a, recipient_b=recipient_b,
        draft_a=draft_a, public_b=public_b, document=document,
        bilaga_a=attach(draft_a, f"{SECRET} bilaga"), bilaga_b=public_b.bilagor.get(),
        comment_a=ReviewComment.objects.create(utlatande=draft_a, section_key="",
                                               author=users["granskare"],
                                               text=f"{SECRET} kommentar"),
        history_a=draft_a.history.order_by("history_id").first(),
        meeting_a=meeting_a, decided_a=decided_a, arende_a=arende_a, anstand_a=anstand_a,
        feed_a=CalendarFeedToken.objects.create(user=users["handlaggare_a"]),
        export_a=finished_export(users["sekreterare"]),
        remiss_open=remiss_open, open_a=remiss_open.recipients.get(organisation=orgs["kun"]),
        # Kultur's draft invites Rinkeby-Kista (made directly: B already has an answer).
        invitation_b=JointInvitation.objects.create(utlatande=draft_a, recipient=recipient_b,
                                                    invited_by=users["handlaggare_a"]),
    )
