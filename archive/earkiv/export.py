"""Build one E-ARK SIP (zip) per remiss ärende, and the year's batch.

Layout (CSIP 2.1 / SIP 2.1, FGS Paketstruktur 2.0):
  <OBJID>/METS.xml
  <OBJID>/metadata/descriptive/erms.xml      CITS ERMS 3.0
  <OBJID>/metadata/preservation/premis.xml   PREMIS 3.0, SHA-256 of every file
  <OBJID>/representations/rep1/METS.xml
  <OBJID>/representations/rep1/data/...       remiss documents, answers, protokollsutdrag
  <OBJID>/schemas/ERMS_v3.xsd
  <OBJID>/documentation/README.txt
The data files are the stored bytes of record, unchanged; the export checks their SHA-256
against the digests recorded when they were stored and again in the finished zip.
"""

import hashlib
import io
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from programs.dnr import normalize_ks_dnr
from programs.models import Remiss

from .collect import ExportError, PackageFile, collect
from .erms import build_erms
from .mets import Entry, package_mets, representation_mets
from .premis import build_premis

SCHEMA_DIR = Path(__file__).parent / "schemas"
REP = "representations/rep1"

__all__ = ["ExportError", "Package", "build_remiss_package", "find_remiss"]


@dataclass
class Package:
    objid: str
    filename: str
    data: bytes
    files: dict[str, str]  # path inside the zip -> SHA-256


def find_remiss(ks_dnr: str) -> Remiss | None:
    return Remiss.objects.filter(ks_dnr=normalize_ks_dnr(ks_dnr.strip())).first()


def package_files(remiss: Remiss, *, objid: str | None = None) -> tuple[str, dict[str, bytes]]:
    """The package's files by path below the package folder, plus its OBJID."""
    content = collect(remiss)
    objid = objid or f"uuid-{uuid.uuid4()}"
    now = timezone.now()
    files: dict[str, bytes] = {}
    data_entries = []
    for file in content.files:
        path = f"{REP}/data/{file.path}"
        files[path] = file.data
        data_entries.append(Entry(f"data/{file.path}", file.data, file.mimetype, file.created))
    files[f"{REP}/METS.xml"] = representation_mets(f"{objid}-rep1", data_entries, created=now)

    schema = (SCHEMA_DIR / "ERMS_v3.xsd").read_bytes()
    files["schemas/ERMS_v3.xsd"] = schema
    readme = render_to_string("archive/earkiv_readme.txt", {
        "remiss": remiss, "content": content, "objid": objid, "created": now,
        "organisation": settings.ARCHIVE_ORGANISATION}).encode()
    files["documentation/README.txt"] = readme
    files["metadata/descriptive/erms.xml"] = build_erms(content, created=now)
    # PREMIS fixity for every file but the two METS-listed metadata files that cannot hold
    # their own digest (premis.xml itself, and the package METS written after it).
    premis_files = [(f"{REP}/data/{f.path}", f) for f in content.files] + [
        (path, PackageFile(path=path, data=files[path], mimetype=mimetype, created=now,
                           kind="metadata", title=path, format_name=name))
        for path, mimetype, name in (
            (f"{REP}/METS.xml", "text/xml", "METS"),
            ("metadata/descriptive/erms.xml", "text/xml", "CITS ERMS 3.0"),
            ("schemas/ERMS_v3.xsd", "text/xml", "XML Schema"),
            ("documentation/README.txt", "text/plain", "Plain text"))]
    files["metadata/preservation/premis.xml"] = build_premis(
        premis_files, created=now, agent=f"Remiss ({settings.ARCHIVE_ORGANISATION})")

    def entry(path, mimetype):
        return Entry(path, files[path], mimetype, now)

    files["METS.xml"] = package_mets(
        objid, f"{remiss.ks_dnr} {remiss.title}", created=now,
        descriptive=entry("metadata/descriptive/erms.xml", "text/xml"),
        preservation=entry("metadata/preservation/premis.xml", "text/xml"),
        documentation=[entry("documentation/README.txt", "text/plain")],
        schemas=[entry("schemas/ERMS_v3.xsd", "text/xml")],
        representation=entry(f"{REP}/METS.xml", "text/xml"),
        agents=[("ARCHIVIST", str(remiss.sender)),
                ("PRESERVATION", settings.ARCHIVE_ORGANISATION)])
    # The bytes of record must reach the package unchanged.
    for file in content.files:
        if hashlib.sha256(files[f"{REP}/data/{file.path}"]).hexdigest() != file.sha256:
            raise ExportError(_("%(path)s ändrades under exporten.") % {"path": file.path})
    return objid, files


def write_zip(target, objid: str, files: dict[str, bytes]) -> dict[str, str]:
    digests = {}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            name = f"{objid}/{path}"
            archive.writestr(name, data)
            digests[name] = hashlib.sha256(data).hexdigest()
    return digests


def build_remiss_package(remiss: Remiss) -> Package:
    objid, files = package_files(remiss)
    buffer = io.BytesIO()
    digests = write_zip(buffer, objid, files)
    safe = remiss.ks_dnr.replace(" ", "-").replace("/", "-")
    return Package(objid, f"e-arkiv-{safe}.zip", buffer.getvalue(), digests)
