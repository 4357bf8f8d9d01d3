"""The ärende in CITS ERMS 3.0 XML: the remiss as a caseFile aggregation, each handling
(remissen, every answer, each protokollsutdrag with its signatures) as a record."""

from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone
from lxml import etree

from .collect import RemissContent

NS = "https://DILCIS.eu/XML/ERMS"
E = f"{{{NS}}}"
DATA = "representations/rep1/data/"


def _el(parent, tag, text=None, **attrs):
    node = etree.SubElement(parent, E + tag, {k: str(v) for k, v in attrs.items()})
    if text is not None:
        node.text = str(text)
    return node


def _dt(value) -> str:
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(0), tzinfo=timezone.get_current_timezone())
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def _dates(parent, pairs):
    pairs = [(kind, value) for kind, value in pairs if value]
    if pairs:
        dates = _el(parent, "dates")
        for kind, value in pairs:
            _el(dates, "date", _dt(value), dateType=kind)


def _agent(parent, agent_type, name, organisation="", role=""):
    agent = _el(parent, "agent", agentType=agent_type)
    _el(agent, "name", name)
    if organisation:
        _el(agent, "organisation", organisation)
    if role:
        _el(agent, "role", role)


def _appendix(record, file, signed: bool):
    extra = _el(record, "additionalInformation")
    appendix = _el(extra, "appendix", name=file.path.rsplit("/", 1)[-1], path=DATA + file.path,
                   fileFormat=f"{file.format_name} {file.format_version}".strip() or file.mimetype,
                   eSignatureHasExisted="true" if signed else "false")
    if signed:
        _el(appendix, "eSignature", present="true", dateeSignatureIsVerified=_dt(timezone.now()))


def build_erms(content: RemissContent, *, created: datetime) -> bytes:
    remiss = content.remiss
    root = etree.Element(E + "erms", nsmap={None: NS})
    control = _el(root, "control")
    _el(control, "identification", settings.ARCHIVE_ORGANISATION,
        identificationType="archival_creator")
    _el(control, "identification", "Remiss", identificationType="system")
    maintenance = _el(control, "maintenanceInformation")
    _el(maintenance, "maintenanceStatus", value="new")
    agency = _el(maintenance, "maintenanceAgency")
    _el(agency, "agencyName", settings.ARCHIVE_ORGANISATION)
    history = _el(maintenance, "maintenanceHistory")
    event = _el(history, "maintenanceEvent")
    _el(event, "eventType", value="created")
    _el(event, "eventDateTime", _dt(created))
    _agent(event, "creator", "Remiss")

    aggregation = _el(_el(root, "aggregations"), "aggregation",
                      systemIdentifier=f"remiss-{remiss.pk}", aggregationType="caseFile")
    _el(aggregation, "objectId", remiss.ks_dnr)
    _el(aggregation, "classification", "Remisser från kommunstyrelsen")
    _el(aggregation, "title", remiss.title)
    if remiss.program_id:
        _el(aggregation, "subject", remiss.program.title)
    _el(aggregation, "status", value="closed" if remiss.closed_at else "in_progress")
    agents = _el(aggregation, "agents")
    _agent(agents, "creator", remiss.sender.forvaltning or str(remiss.sender),
           organisation=str(remiss.sender))
    if remiss.contact_name:
        _agent(agents, "contact_person", remiss.contact_name, organisation=str(remiss.sender))
    for recipient in remiss.recipients.select_related("organisation"):
        _agent(agents, "recipient", str(recipient.organisation),
               organisation=recipient.organisation.forvaltning)
    if remiss.description:
        _el(aggregation, "description", remiss.description)
    _dates(aggregation, [("originated", remiss.remiss_date), ("sent", remiss.sent_at),
                         ("decision_deadline", remiss.deadline), ("closed", remiss.closed_at)])

    for number, file in enumerate(content.documents, start=1):
        record = _el(aggregation, "record", systemIdentifier=f"remiss-{remiss.pk}-dok-{number}",
                     recordType="remisshandling", recordPhysicalOrDigital="digital")
        _el(record, "objectId", f"{remiss.ks_dnr}:{number}")
        _el(record, "title", file.title)
        _el(record, "direction", directionDefinition="outgoing")
        _dates(record, [("sent", remiss.sent_at)])
        _appendix(record, file, signed=False)

    for answer in content.answers:
        utlatande = answer.utlatande
        record = _el(aggregation, "record", systemIdentifier=f"utlatande-{utlatande.pk}",
                     recordType="tjänsteutlåtande", recordPhysicalOrDigital="digital")
        _el(record, "objectId", utlatande.own_dnr or f"utlatande-{utlatande.pk}")
        _el(record, "title", utlatande.title)
        _el(record, "status", value="closed")
        _el(record, "direction", directionDefinition="incoming")
        agents = _el(record, "agents")
        _agent(agents, "creator", utlatande.organisation.forvaltning or
               str(utlatande.organisation), organisation=str(utlatande.organisation))
        decided = answer.arende.meeting.date if answer.arende else None  # the § of record
        _dates(record, [("created", utlatande.date), ("decision", decided),
                        ("archived", utlatande.archived_at)])
        _appendix(record, answer.file, signed=False)
        if answer.utdrag and answer.arende:
            arende = answer.arende
            record = _el(aggregation, "record", systemIdentifier=f"paragraf-{arende.pk}",
                         recordType="protokollsutdrag", recordPhysicalOrDigital="digital")
            _el(record, "objectId", f"{arende.meeting.organisation.short} "
                                    f"{arende.meeting.date:%Y-%m-%d} § {arende.paragraph}")
            _el(record, "title", answer.utdrag.title)
            _el(record, "relation", f"utlatande-{utlatande.pk}", relationType="reference")
            agents = _el(record, "agents")
            for index, signature in enumerate(answer.utdrag.signatures):
                _agent(agents, "main_signatory" if index == 0 else "other_signatory",
                       signature.signer_name, organisation=str(arende.meeting.organisation),
                       role=signature.role)
            _dates(record, [("decision", arende.meeting.date),
                            *[("main_signature" if i == 0 else "other_signature", s.signed_at)
                              for i, s in enumerate(answer.utdrag.signatures)]])
            signatures = _el(record, "eSignatures")
            for _signature in answer.utdrag.signatures:
                _el(signatures, "eSignature", present="true",
                    dateeSignatureIsVerified=_dt(timezone.now()))
            _appendix(record, answer.utdrag, signed=bool(answer.utdrag.signatures))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
