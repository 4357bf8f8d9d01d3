"""eark-validator, offline: it downloads four CSIP vocabularies when imported, so the import
happens with urllib.request.urlopen serving the copies in fixtures/eark-vocabularies."""

import io
import urllib.request
from pathlib import Path

VOCABULARIES = Path(__file__).parent / "fixtures" / "eark-vocabularies"
VOCABULARY_URL = "https://earkcsip.dilcis.eu/schema/"


def _offline_urlopen(real):
    def urlopen(url, *args, **kwargs):
        text = url if isinstance(url, str) else url.full_url
        if text.startswith(VOCABULARY_URL):
            return io.BytesIO((VOCABULARIES / text.removeprefix(VOCABULARY_URL)).read_bytes())
        return real(url, *args, **kwargs)

    return urlopen


def load_validator():
    """The eark_validator package, imported with the vocabularies served locally."""
    real = urllib.request.urlopen
    urllib.request.urlopen = _offline_urlopen(real)
    try:
        from eark_validator import packages
        from eark_validator.specifications.specification import SpecificationVersion
    finally:
        urllib.request.urlopen = real
    return packages, SpecificationVersion


# One Schematron rule of eark-validator 1.1.3 no METS file can pass; it is not skipped
# wholesale, only where it fires on a package that follows CSIP 2.1:
# - SIP14 wants an unqualified @NOTETYPE='IDENTIFICATIONCODE' on every note of every CREATOR
#   agent (the SIP profile asks it of the archival creator agent's note, as csip:NOTETYPE).
#   CSIP11 requires a CREATOR agent, CSIP15 exactly one note on it and CSIP16 that note's
#   csip:NOTETYPE='SOFTWARE VERSION'; the METS schema allows only namespaced attributes on
#   note (anyAttribute namespace="##other"), so the unqualified attribute makes the METS
#   invalid, and csip:NOTETYPE holds one value.
# CSIP63 is no such rule: it is stricter than the profile (a fileGrp with a vocabulary type,
# as in the profile's own fileSec example, or with none fails it) but passes a fileGrp with
# csip:CONTENTINFORMATIONTYPE="OTHER" and an OTHERCONTENTINFORMATIONTYPE, which CSIP62/63
# allow and the package writes (archive/earkiv/mets.py), so the tests require it.
VALIDATOR_DEFECTS = {
    "SIP14": "/*[local-name()='mets' and namespace-uri()='http://www.loc.gov/METS/']"
             "/*[local-name()='metsHdr' and namespace-uri()='http://www.loc.gov/METS/']"
             "/*[local-name()='agent' and namespace-uri()='http://www.loc.gov/METS/'][1]"
             "/*[local-name()='note' and namespace-uri()='http://www.loc.gov/METS/']",
}


def _is_validator_defect(result) -> bool:
    where = VALIDATOR_DEFECTS.get(result.rule_id)
    return where is not None and where in (result.location or "")


def validation_errors(package_dir: Path) -> list[str]:
    """Every ERROR of the CSIP 2.1 and SIP 2.1 checks (structure, METS schema, Schematron),
    less the validator defect above at the place it is known to fire."""
    packages, version = load_validator()
    report = packages.PackageValidator(package_dir, version.V2_1_0).validation_report
    errors = [f"structure {m.rule_id}: {m.message}" for m in report.structure.messages
              if m.severity.name == "ERROR"]
    if report.metadata is not None:
        for kind in ("schema_results", "schematron_results"):
            results = getattr(report.metadata, kind)
            errors += [f"{kind} {m.rule_id} {m.location}: {m.message}"
                       for m in results.messages if m.severity.name == "ERROR"
                       and not _is_validator_defect(m)]
    return errors
