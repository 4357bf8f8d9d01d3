"""METS documents of an E-ARK SIP 2.1 (CSIP 2.1): the package METS and the representation's.

The structure is the one CSIP prescribes: metadata/descriptive (ERMS), metadata/preservation
(PREMIS), representations/rep1 with its own METS and data/, schemas/ and documentation/.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from lxml import etree

METS = "http://www.loc.gov/METS/"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {None: METS, "csip": CSIP, "sip": SIP, "xlink": XLINK, "xsi": XSI}
SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
SOFTWARE = "Remiss"
SOFTWARE_VERSION = "1.0"
# Content information type: the package is made to CITS ERMS 3.0 (erms.xml), "ERMS" in
# CSIP's vocabulary, which the METS root states (CSIP4). Each fileGrp states the same
# specification as OTHER with its name and version (CSIP62, CSIP63 allow it on any group):
# eark-validator's CSIP63 passes a fileGrp only that way (a group without a type fails it
# too, and CSIP62 requires one on the Representations group).
CONTENT_INFORMATION_TYPE = "ERMS"
CONTENT_INFORMATION_SPECIFICATION = "CITS ERMS 3.0"


@dataclass
class Entry:
    """A file as METS references it: path relative to the METS file that lists it."""

    href: str
    data: bytes
    mimetype: str
    created: datetime

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4()}"


def _m(parent, tag, **attrs):
    return etree.SubElement(parent, f"{{{METS}}}{tag}", attrs)


def _q(ns, name):
    return f"{{{ns}}}{name}"


def _stamp(value: datetime) -> str:
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def _file_attrs(entry: Entry) -> dict:
    return {"MIMETYPE": entry.mimetype, "SIZE": str(len(entry.data)),
            "CREATED": _stamp(entry.created), "CHECKSUM": entry.sha256,
            "CHECKSUMTYPE": "SHA-256"}


def _file_group(file_sec, use: str):
    """A fileGrp stating the package's content information type (see above)."""
    return _m(file_sec, "fileGrp", **{"ID": _id("grp"), "USE": use,
                                      _q(CSIP, "CONTENTINFORMATIONTYPE"): "OTHER",
                                      _q(CSIP, "OTHERCONTENTINFORMATIONTYPE"):
                                          CONTENT_INFORMATION_SPECIFICATION})


def _flocat(file_el, href):
    _m(file_el, "FLocat", **{"LOCTYPE": "URL", _q(XLINK, "type"): "simple",
                             _q(XLINK, "href"): href})


def _root(objid: str, label: str, *, created: datetime, package: bool, agents=()):
    mets = etree.Element(f"{{{METS}}}mets", nsmap=NSMAP)
    mets.set("OBJID", objid)
    mets.set("LABEL", label)
    mets.set("TYPE", "Mixed")
    mets.set(_q(CSIP, "CONTENTINFORMATIONTYPE"), CONTENT_INFORMATION_TYPE)
    mets.set("PROFILE", SIP_PROFILE)
    mets.set(_q(XSI, "schemaLocation"),
             "http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd "
             "http://www.w3.org/1999/xlink http://www.loc.gov/standards/mets/xlink.xsd")
    header = _m(mets, "metsHdr", CREATEDATE=_stamp(created), LASTMODDATE=_stamp(created),
                RECORDSTATUS="NEW")
    header.set(_q(CSIP, "OAISPACKAGETYPE"), "SIP")
    agent = _m(header, "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    etree.SubElement(agent, f"{{{METS}}}name").text = SOFTWARE
    note = etree.SubElement(agent, f"{{{METS}}}note")
    note.text = SOFTWARE_VERSION
    note.set(_q(CSIP, "NOTETYPE"), "SOFTWARE VERSION")
    if package:
        for role, name in agents:
            agent = _m(header, "agent", ROLE=role, TYPE="ORGANIZATION")
            etree.SubElement(agent, f"{{{METS}}}name").text = name
    return mets


def _tostring(mets) -> bytes:
    return etree.tostring(mets, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def representation_mets(objid: str, data: list[Entry], *, created: datetime) -> bytes:
    mets = _root(objid, "rep1", created=created, package=False)
    file_sec = _m(mets, "fileSec", ID=_id("filesec"))
    group = _file_group(file_sec, "Data")
    ids = []
    for entry in data:
        file_id = _id("file")
        ids.append(file_id)
        _flocat(_m(group, "file", ID=file_id, **_file_attrs(entry)), entry.href)
    struct = _m(mets, "structMap", ID=_id("structmap"), TYPE="PHYSICAL", LABEL="CSIP")
    top = _m(struct, "div", ID=_id("div"), LABEL="rep1")
    data_div = _m(top, "div", ID=_id("div"), LABEL="Data")
    _m(data_div, "fptr", FILEID=group.get("ID"))
    return _tostring(mets)


def package_mets(objid: str, label: str, *, created: datetime, descriptive: Entry,
                 preservation: Entry, documentation: list[Entry], schemas: list[Entry],
                 representation: Entry, agents) -> bytes:
    mets = _root(objid, label, created=created, package=True, agents=agents)
    dmd = _m(mets, "dmdSec", ID=_id("dmd"), CREATED=_stamp(created), STATUS="CURRENT")
    _m(dmd, "mdRef", **{"LOCTYPE": "URL", _q(XLINK, "type"): "simple",
                        _q(XLINK, "href"): descriptive.href, "MDTYPE": "OTHER",
                        "OTHERMDTYPE": "ERMS", "MDTYPEVERSION": "3.0"},
       **_file_attrs(descriptive))
    amd = _m(mets, "amdSec", ID=_id("amd"))
    digiprov = _m(amd, "digiprovMD", ID=_id("digiprov"), STATUS="CURRENT")
    _m(digiprov, "mdRef", **{"LOCTYPE": "URL", _q(XLINK, "type"): "simple",
                             _q(XLINK, "href"): preservation.href, "MDTYPE": "PREMIS",
                             "MDTYPEVERSION": "3.0"}, **_file_attrs(preservation))
    file_sec = _m(mets, "fileSec", ID=_id("filesec"))
    groups = {}
    for use, entries in (("Documentation", documentation), ("Schemas", schemas),
                         ("Representations/rep1", [representation])):
        group = _file_group(file_sec, use)
        for entry in entries:
            _flocat(_m(group, "file", ID=_id("file"), **_file_attrs(entry)), entry.href)
        groups[use] = group.get("ID")
    struct = _m(mets, "structMap", ID=_id("structmap"), TYPE="PHYSICAL", LABEL="CSIP")
    top = _m(struct, "div", ID=_id("div"), LABEL=objid)
    _m(top, "div", ID=_id("div"), LABEL="Metadata", DMDID=dmd.get("ID"), ADMID=digiprov.get("ID"))
    for label in ("Documentation", "Schemas"):
        div = _m(top, "div", ID=_id("div"), LABEL=label)
        _m(div, "fptr", FILEID=groups[label])
    reps = _m(top, "div", ID=_id("div"), LABEL="Representations")
    _m(reps, "fptr", FILEID=groups["Representations/rep1"])
    rep = _m(reps, "div", ID=_id("div"), LABEL="Representations/rep1")
    _m(rep, "mptr", **{"LOCTYPE": "URL", _q(XLINK, "type"): "simple",
                       _q(XLINK, "href"): representation.href,
                       _q(XLINK, "title"): groups["Representations/rep1"]})
    return _tostring(mets)
