"""Signer backends: who puts a PAdES signature on a justerat document.

The workflow only calls `get_signer().sign(data, request)`; the backend is chosen by the
ARCHIVE_SIGNER_BACKEND setting (a dotted path). The default seals with the organisation's
certificate on the server; an eID signing service (Sweden Connect's signservice, Freja,
BankID) would be another backend with the same two methods.
"""

import io
from dataclasses import dataclass
from functools import cache, lru_cache

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .threads import outside_event_loop


class SigningError(Exception):
    """Signing failed; the message is Swedish and may be shown to the nämndsekreterare."""


@dataclass(frozen=True)
class SignatureRequest:
    field_name: str  # unique per document: Justering1, Justering2, ...
    signer_name: str  # the justerare, written into the signature's /Name
    role: str  # Justerare, Ordförande ...; written into /Reason
    reason: str
    location: str = ""


class SignerBackend:
    """What a backend offers: whether it can sign now, and signing one incremental update."""

    name = "base"

    def is_configured(self) -> bool:
        raise NotImplementedError

    def sign(self, data: bytes, request: SignatureRequest) -> bytes:
        """Return `data` with one more signature appended as an incremental update."""
        raise NotImplementedError


class PadesSealSigner(SignerBackend):
    """PAdES baseline signature with the organisation's seal (B-B, or B-T with a TSA).

    Settings: ARCHIVE_SEAL_KEY and ARCHIVE_SEAL_CERT (PEM/DER paths),
    ARCHIVE_SEAL_CHAIN (intermediate certificates), ARCHIVE_SEAL_KEY_PASSPHRASE,
    ARCHIVE_TSA_URL (RFC 3161; empty means no timestamp).
    """

    name = "pades-seal"

    def is_configured(self) -> bool:
        return bool(settings.ARCHIVE_SEAL_KEY and settings.ARCHIVE_SEAL_CERT)

    def _signer(self):
        passphrase = settings.ARCHIVE_SEAL_KEY_PASSPHRASE
        return _load_seal(settings.ARCHIVE_SEAL_KEY, settings.ARCHIVE_SEAL_CERT,
                          tuple(settings.ARCHIVE_SEAL_CHAIN),
                          passphrase.encode() if passphrase else None)

    def timestamper(self):
        """The RFC 3161 client, or None without a TSA (then the signature is PAdES-B-B)."""
        from pyhanko.sign.timestamps import HTTPTimeStamper

        url = settings.ARCHIVE_TSA_URL
        return HTTPTimeStamper(url, timeout=settings.ARCHIVE_TSA_TIMEOUT) if url else None

    def sign(self, data: bytes, request: SignatureRequest) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        meta = signers.PdfSignatureMetadata(
            field_name=request.field_name, name=request.signer_name, reason=request.reason,
            location=request.location or None, md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES)
        seal = self._signer()  # raises SigningError with its own message
        pdf_signer = signers.PdfSigner(meta, signer=seal, timestamper=self.timestamper())
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
            _align_producer(writer)
            return outside_event_loop(pdf_signer.sign_pdf, writer,
                                      output=io.BytesIO()).getvalue()
        except Exception as error:  # pyHanko raises many kinds (TSA, key, PDF syntax)
            raise SigningError(_("Dokumentet kunde inte signeras: %(error)s")
                               % {"error": error}) from error


@lru_cache(maxsize=4)
def _load_seal(key: str, cert: str, chain: tuple[str, ...], passphrase: bytes | None):
    """The seal's key and certificates, read once per process (parsing the key is slow)."""
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load(key, cert, ca_chain_files=chain or None,
                                       key_passphrase=passphrase)
    if signer is None:  # pyHanko logs the reason and returns None
        raise SigningError(_("Sigillcertifikatet eller nyckeln kunde inte läsas."))
    return signer


def _align_producer(writer) -> None:
    """PDF/A wants the Info dictionary to agree with the XMP metadata. pyHanko writes its
    own name as XMP pdf:Producer but appends it to an existing Info /Producer, so set the
    Info entry to the same value first."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata.model import VENDOR

    if "/Info" not in writer.trailer:
        return
    info_ref = writer.trailer.raw_get("/Info")
    info = info_ref.get_object()
    if str(info.get("/Producer", "")) != VENDOR:
        info["/Producer"] = generic.TextStringObject(VENDOR)
        writer.mark_update(info_ref)


@cache
def _backend_class(path: str):
    return import_string(path)


def get_signer() -> SignerBackend:
    return _backend_class(settings.ARCHIVE_SIGNER_BACKEND)()
