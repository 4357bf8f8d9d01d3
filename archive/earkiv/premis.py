"""PREMIS 3.0 preservation metadata: every file with its SHA-256 fixity, size and format,
and an event per digest and per signature verification."""

import uuid
from datetime import datetime

from django.utils import timezone
from lxml import etree

NS = "http://www.loc.gov/premis/v3"
P = f"{{{NS}}}"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _el(parent, tag, text=None, **attrs):
    node = etree.SubElement(parent, P + tag, attrs)
    if text is not None:
        node.text = str(text)
    return node


def build_premis(files: list[tuple[str, object]], *, created: datetime, agent: str) -> bytes:
    """files: (path in package, PackageFile) pairs."""
    root = etree.Element(P + "premis", nsmap={None: NS, "xsi": XSI}, version="3.0")
    root.set(f"{{{XSI}}}schemaLocation",
             "http://www.loc.gov/premis/v3 https://www.loc.gov/standards/premis/premis.xsd")
    events = []
    for path, file in files:
        obj = _el(root, "object")
        obj.set(f"{{{XSI}}}type", "file")
        identifier = _el(obj, "objectIdentifier")
        _el(identifier, "objectIdentifierType", "local")
        _el(identifier, "objectIdentifierValue", path)
        characteristics = _el(obj, "objectCharacteristics")
        fixity = _el(characteristics, "fixity")
        _el(fixity, "messageDigestAlgorithm", "SHA-256")
        _el(fixity, "messageDigest", file.sha256)
        _el(fixity, "messageDigestOriginator", agent)
        _el(characteristics, "size", len(file.data))
        designation = _el(_el(characteristics, "format"), "formatDesignation")
        _el(designation, "formatName", file.format_name or file.mimetype)
        if file.format_version:
            _el(designation, "formatVersion", file.format_version)
        _el(obj, "originalName", path.rsplit("/", 1)[-1])
        events.append(("message digest calculation", path, created, "success",
                       f"SHA-256 {file.sha256}"))
        for signature in file.signatures:
            events.append(("digital signature validation", path, timezone.now(), "success",
                           f"PAdES: {signature.signer_name} ({signature.role}), "
                           f"{timezone.localtime(signature.signed_at):%Y-%m-%d %H:%M}"))
    for event_type, path, when, outcome, detail in events:
        event = _el(root, "event")
        identifier = _el(event, "eventIdentifier")
        _el(identifier, "eventIdentifierType", "UUID")
        _el(identifier, "eventIdentifierValue", str(uuid.uuid4()))
        _el(event, "eventType", event_type)
        _el(event, "eventDateTime", timezone.localtime(when).replace(microsecond=0).isoformat())
        info = _el(event, "eventOutcomeInformation")
        _el(info, "eventOutcome", outcome)
        _el(_el(info, "eventOutcomeDetail"), "eventOutcomeDetailNote", detail)
        agent_link = _el(event, "linkingAgentIdentifier")
        _el(agent_link, "linkingAgentIdentifierType", "local")
        _el(agent_link, "linkingAgentIdentifierValue", "remiss")
        object_link = _el(event, "linkingObjectIdentifier")
        _el(object_link, "linkingObjectIdentifierType", "local")
        _el(object_link, "linkingObjectIdentifierValue", path)
    agent_el = _el(root, "agent")
    identifier = _el(agent_el, "agentIdentifier")
    _el(identifier, "agentIdentifierType", "local")
    _el(identifier, "agentIdentifierValue", "remiss")
    _el(agent_el, "agentName", agent)
    _el(agent_el, "agentType", "software")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
