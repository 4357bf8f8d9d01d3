"""What belongs in one remiss ärende's package, read from the database and storage.

Every file keeps the exact bytes of record: the answers' archived PDF/A and the signed
protokollsutdrag are read from storage and their SHA-256 is checked against the digest
recorded when they were stored.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.text import slugify
from django.utils.translation import gettext as _

from archive.models import SignedDocument
from meetings.models import DECIDED_OUTCOMES, Arende
from programs.models import Remiss
from responses.models import LOCKED_STATES, Utlatande
from responses.pdf.archive import archive_final_pdf


class ExportError(Exception):
    """The package cannot be built; the message is Swedish."""


@dataclass
class PackageFile:
    path: str  # inside the representation's data folder
    data: bytes
    mimetype: str
    created: datetime
    kind: str  # remiss, tjansteutlatande, protokollsutdrag
    title: str
    format_name: str = ""
    format_version: str = ""
    signatures: list = field(default_factory=list)  # DocumentSignature rows

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Answer:
    utlatande: Utlatande
    file: PackageFile
    utdrag: PackageFile | None
    arende: Arende | None


@dataclass
class RemissContent:
    remiss: Remiss
    documents: list[PackageFile]
    answers: list[Answer]

    @property
    def files(self) -> list[PackageFile]:
        out = list(self.documents)
        for answer in self.answers:
            out.append(answer.file)
            if answer.utdrag:
                out.append(answer.utdrag)
        return out


def _read(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def _checked(data: bytes, expected: str, what: str) -> bytes:
    if hashlib.sha256(data).hexdigest() != expected:
        raise ExportError(_("Arkivexemplaret av %(what)s stämmer inte med sin kontrollsumma "
                            "(SHA-256); paketet skapades inte.") % {"what": what})
    return data


def _at(day: date | None, fallback: datetime) -> datetime:
    return datetime.combine(day, datetime.min.time()).astimezone() if day else fallback


def collect(remiss: Remiss) -> RemissContent:
    documents = []
    for number, document in enumerate(remiss.documents.all(), start=1):
        if not document.file:
            continue
        # Plain ASCII names: they are also URL paths (xlink:href) in METS.
        stem, dot, suffix = document.file.name.rsplit("/", 1)[-1].rpartition(".")
        name = f"{slugify(stem) or 'dokument'}.{slugify(suffix)}" if dot else slugify(suffix)
        documents.append(PackageFile(
            path=f"remiss/{number:02d}-{name}", data=_read(document.file),
            mimetype=document.content_type or "application/octet-stream",
            created=remiss.sent_at or remiss.created_at, kind="remiss", title=document.title))
    answers = []
    utlatanden = (Utlatande.objects.filter(links__recipient__remiss=remiss, links__is_active=True,
                                           state__in=LOCKED_STATES)
                  .select_related("organisation").distinct().order_by("organisation__name", "pk"))
    for utlatande in utlatanden:
        if not utlatande.archived_sha256:
            # Imported or older answers never got their archive copy: make it now, once, as
            # the justering does; from then on these bytes are the document of record.
            utlatande = archive_final_pdf(utlatande)
        short = slugify(utlatande.organisation.short)
        data = _checked(_read(utlatande.archived_pdf), utlatande.archived_sha256,
                        _("tjänsteutlåtandet från %(org)s") % {"org": utlatande.organisation})
        answer_file = PackageFile(
            path=f"svar/{short}-tjansteutlatande.pdf", data=data, mimetype="application/pdf",
            created=utlatande.archived_at or utlatande.updated_at, kind="tjansteutlatande",
            title=utlatande.title, format_name="PDF/A", format_version="3u")
        arende = (Arende.objects.filter(utlatande=utlatande, outcome__in=DECIDED_OUTCOMES)
                  .select_related("meeting", "meeting__organisation")
                  .order_by("-meeting__date").first())
        utdrag = None
        signed = SignedDocument.objects.filter(arende=arende).first() if arende else None
        if signed is not None:
            utdrag = PackageFile(
                path=f"svar/{short}-protokollsutdrag-{arende.meeting.date:%Y-%m-%d}-"
                     f"{slugify(arende.paragraph)}.pdf",
                data=_checked(signed.read(), signed.sha256,
                              _("protokollsutdraget från %(org)s") % {
                                  "org": utlatande.organisation}),
                mimetype="application/pdf", created=signed.updated_at, kind="protokollsutdrag",
                title=f"Protokollsutdrag § {arende.paragraph}, {arende.meeting.organisation} "
                      f"{arende.meeting.date:%Y-%m-%d}",
                format_name="PDF/A", format_version="3u",
                signatures=list(signed.signatures.all()))
        answers.append(Answer(utlatande, answer_file, utdrag, arende))
    return RemissContent(remiss, documents, answers)
