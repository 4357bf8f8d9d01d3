"""Verifiera: are a PDF's signatures valid, trusted, and is the document unchanged?

pyHanko validates each embedded signature: the digest over the signed byte ranges
(intact), the CMS signature (valid), the certificate chain up to ARCHIVE_TRUST_ROOTS
(trusted), and what later incremental updates changed (only adding signatures is allowed).
"""

import hashlib
import io
import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import SignedDocument
from .threads import outside_event_loop

logger = logging.getLogger(__name__)

MAX_VERIFY_BYTES = 50 * 1024 * 1024


@dataclass
class SignatureCheck:
    field_name: str
    signer_name: str
    reason: str
    signing_time: datetime | None
    timestamp_time: datetime | None  # the TSA's time (PAdES-B-T), None without one
    intact: bool
    valid: bool
    trusted: bool
    unchanged: bool  # nothing but further signatures was added after this one
    chain: list[str] = field(default_factory=list)  # seal certificate first, root last
    covers_whole_file: bool = False

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.unchanged

    @property
    def signature_valid(self) -> bool:
        """The signature itself: its digest matches and the CMS signature verifies."""
        return self.intact and self.valid

    @property
    def document_unchanged(self) -> bool:
        """The document is the one this signature signed (later signatures aside)."""
        return self.intact and self.unchanged


class Outcome(models.TextChoices):
    """The one-word result of a verification, as the web page and the API state it."""

    OFORANDRAD = "oforandrad", _("Oförändrad: alla underskrifter är giltiga och dokumentet "
                                 "har inte ändrats sedan det signerades.")
    ANDRAD = "andrad", _("Ändrad: dokumentet har ändrats efter att det signerades.")
    EJ_BEKRAFTAD = "ej_bekraftad", _("Underskrifterna kan inte bekräftas: certifikatkedjan "
                                     "leder inte till ett betrott rotcertifikat.")
    OSIGNERAD = "osignerad", _("Filen har inga elektroniska underskrifter.")


@dataclass
class VerificationReport:
    readable: bool
    signatures: list[SignatureCheck] = field(default_factory=list)
    error: str = ""

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def changed(self) -> bool:
        """The file is not the one that was signed (or cannot even be read)."""
        return not self.readable or any(not (s.intact and s.unchanged) for s in self.signatures)

    @property
    def ok(self) -> bool:
        return self.readable and self.signed and all(s.ok for s in self.signatures)

    @property
    def outcome(self) -> Outcome:
        if self.readable and not self.signed:
            return Outcome.OSIGNERAD
        if self.changed:
            return Outcome.ANDRAD
        return Outcome.OFORANDRAD if self.ok else Outcome.EJ_BEKRAFTAD


@dataclass
class DocumentVerification:
    """Verifiera of a stored signed protokollsutdrag: the report on its bytes, whether they
    still have the digest recorded at the last signature, and each signature's recorded role
    (by signature field)."""

    document: SignedDocument
    report: VerificationReport
    sha256_ok: bool
    roles: dict[str, str] = field(default_factory=dict)


def _load_certs(paths):
    from asn1crypto import pem, x509

    certs = []
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        if pem.detect(data):
            certs.extend(x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, True))
        else:
            certs.append(x509.Certificate.load(data))
    return certs


def validation_context():
    from pyhanko_certvalidator import ValidationContext

    # Offline: the chain is embedded in the signature; revocation is not fetched here.
    return ValidationContext(trust_roots=_load_certs(settings.ARCHIVE_TRUST_ROOTS),
                             allow_fetching=False, revocation_mode="soft-fail")


def _text(value) -> str:
    return str(value) if value is not None else ""


def _check(embedded, context) -> SignatureCheck:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    name = reason = ""
    try:
        sig_object = embedded.sig_object
        name = _text(sig_object.get("/Name"))
        reason = _text(sig_object.get("/Reason"))
        status = outside_event_loop(validate_pdf_signature, embedded, context,
                                    ts_validation_context=context)
    except Exception as error:  # noqa: BLE001
        # The file is someone's upload: a changed byte can land anywhere (object syntax,
        # xref, the CMS blob) and pyHanko then raises many kinds of errors. Each of them
        # means this signature cannot be confirmed; none may become an error page.
        logger.info("Signature %s does not validate: %r", embedded.field_name, error)
        return SignatureCheck(embedded.field_name, name, reason, None, None, intact=False,
                              valid=False, trusted=False, unchanged=False)
    path = status.validation_path
    certs = list(path.iter_certs(include_root=True)) if path is not None else []
    chain = [cert.subject.human_friendly for cert in reversed(certs)] or [
        status.signing_cert.subject.human_friendly]
    ts = status.timestamp_validity
    unchanged = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and status.docmdp_ok)
    return SignatureCheck(
        field_name=embedded.field_name, signer_name=name, reason=reason,
        signing_time=status.signer_reported_dt,
        timestamp_time=ts.timestamp if ts is not None and ts.intact and ts.valid else None,
        intact=status.intact, valid=status.valid, trusted=status.trusted,
        unchanged=bool(unchanged), chain=chain,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE)


def verify_pdf(data: bytes) -> VerificationReport:
    """Check every signature of a PDF; an unreadable file is reported as changed."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as error:  # noqa: BLE001 (as in _check: any parse failure = changed)
        return VerificationReport(readable=False, error=str(error))
    context = validation_context()
    return VerificationReport(readable=True,
                              signatures=[_check(sig, context) for sig in embedded])


def verify_document(document: SignedDocument) -> DocumentVerification:
    """Verifiera a stored signed protokollsutdrag (the web page and the API)."""
    data = document.read()
    return DocumentVerification(
        document=document, report=verify_pdf(data),
        sha256_ok=hashlib.sha256(data).hexdigest() == document.sha256,
        roles=dict(document.signatures.values_list("field_name", "role")))


def read_pdf_upload(upload) -> bytes:
    """The bytes of an uploaded file to verify; ValidationError unless it is a PDF of at most
    MAX_VERIFY_BYTES (the web form and the API)."""
    if upload.size > MAX_VERIFY_BYTES:
        raise ValidationError(_("Filen är större än 50 MB."), code="too_large")
    data = upload.read()
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_("Filen är inte en PDF."), code="not_pdf")
    return data
