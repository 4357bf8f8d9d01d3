"""Verifiera: are a PDF's signatures valid, trusted, and is the document unchanged?

pyHanko validates each embedded signature: the digest over the signed byte ranges
(intact), the CMS signature (valid), the certificate chain up to ARCHIVE_TRUST_ROOTS
(trusted), and what later incremental updates changed (only adding signatures is allowed).
"""

import io
import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings

from .threads import outside_event_loop

logger = logging.getLogger(__name__)


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
