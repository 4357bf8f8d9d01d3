"""Timings for `make bench`: a 10-page tjänsteutlåtande and a 50-document justering export.

Both functions build their own data inside a transaction that is rolled back, so they can
run against any database with migrations applied. They return seconds (wall clock).
"""

import datetime
import io
import shutil
import tempfile
import time

from django.db import transaction
from django.test import override_settings
from pypdf import PdfReader

from meetings.models import Arende, MeetingState, Outcome, Sammantrade
from organisations.models import Organisation, OrganisationKind, Role, User
from programs.models import Recipient, Remiss, RemissStatus
from responses.content import STANDARD_SECTIONS, new_section
from responses.models import ExportJob, State, Utlatande, UtlatandeRecipient

from . import exports
from .render import render_pdf

PARAGRAPH = ("<p>Förvaltningen ställer sig positiv till programmet som helhet men önskar "
             "tydligare skrivningar om uppföljning, analys och lärande, så att åtgärderna får "
             "effekt för stockholmarna. Kvalitetsarbetet behöver vara långsiktigt och bygga "
             "på brukarnas synpunkter.</p><ul><li>Analysmetoder</li><li>Ledarskap för "
             "delaktighet och lärande</li><li>Former för dialog med stockholmarna</li></ul>")
# About six paragraphs with their lists fill one A4 page in this layout.
PARAGRAPHS_PER_PAGE = 6


def _fixture(count: int, paragraphs: int) -> tuple[list[Utlatande], User]:
    org, _ = Organisation.objects.get_or_create(
        short="bench", defaults={"name": "Bänknämnden", "forvaltning": "Bänkförvaltningen",
                                 "kind": OrganisationKind.FACKNAMND})
    ks, _ = Organisation.objects.get_or_create(
        short="bench-ks", defaults={"name": "Bänkstyrelsen", "forvaltning": "Bänkkontoret",
                                    "kind": OrganisationKind.KOMMUNSTYRELSE})
    user = User.objects.create(username="bench-sekreterare", organisation=org,
                               role=Role.NAMNDSEKRETERARE)
    today = datetime.date(2026, 11, 19)
    meeting = Sammantrade.objects.create(organisation=org, date=today,
                                         state=MeetingState.GENOMFORT)
    result = []
    for i in range(count):
        remiss = Remiss.objects.create(title=f"Bänkremiss {i}", ks_dnr=f"KS 2099/{9000 + i}",
                                       remiss_date=today, deadline=today, sender=ks,
                                       status=RemissStatus.UTSKICKAD)
        recipient = Recipient.objects.create(remiss=remiss, organisation=org)
        sections = [new_section(kind, heading, PARAGRAPH * max(1, paragraphs // 4))
                    for kind, heading in STANDARD_SECTIONS]
        utlatande = Utlatande.objects.create(
            organisation=org, title=f"Bänkremiss {i} (KS 2099/{9000 + i}). Svar på remiss",
            date=today, own_dnr=f"BEN 2099/{i}", till=org.name, state=State.BESLUTAD,
            handlaggare=[{"name": "Maria Lindqvist", "telefon": "08-508 000 00"}],
            decision_points=["Nämnden godkänner förvaltningens tjänsteutlåtande.",
                             "Ärendet justeras omedelbart."],
            signatories=[{"name": "Per Ekström", "title": "Förvaltningschef"}],
            sections=sections)
        UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=recipient)
        Arende.objects.create(meeting=meeting, utlatande=utlatande, paragraph=str(i + 1),
                              outcome=Outcome.ENLIGT_FORSLAG, decision_date=today,
                              decision_text=utlatande.decision_points[0], recorded_by=user)
        result.append(utlatande)
    return result, user


def time_render_10_pages(repeat: int = 3) -> dict:
    """Best and mean seconds to render a ~10-page tjänsteutlåtande (after one warm-up)."""
    timings, pages = [], 0
    with transaction.atomic():
        (utlatande,), _user = _fixture(1, 10 * PARAGRAPHS_PER_PAGE)
        data = render_pdf(utlatande)  # warm-up: fonts, stylesheet parsing
        pages = len(PdfReader(io.BytesIO(data)).pages)
        for _ in range(repeat):
            start = time.perf_counter()
            render_pdf(utlatande)
            timings.append(time.perf_counter() - start)
        transaction.set_rollback(True)
    return {"pages": pages, "best": min(timings), "mean": sum(timings) / len(timings)}


def time_export_50(fmt: str = "pdf", count: int = 50) -> dict:
    """Seconds to build a justering export of 50 two-page documents (task body, no broker)."""
    media = tempfile.mkdtemp(prefix="remiss-bench-")
    try:
        with override_settings(MEDIA_ROOT=media), transaction.atomic():
            documents, user = _fixture(count, 2 * PARAGRAPHS_PER_PAGE)
            job = exports.create_export(user=user, ids=[d.pk for d in documents], fmt=fmt)
            start = time.perf_counter()
            exports.run_export_job(job)
            elapsed = time.perf_counter() - start
            size = job.file.size if job.status == ExportJob.Status.DONE else 0
            status = job.status
            transaction.set_rollback(True)
    finally:
        shutil.rmtree(media, ignore_errors=True)
    return {"documents": count, "seconds": elapsed, "bytes": size, "status": status}
