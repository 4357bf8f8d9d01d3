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


def validation_errors(package_dir: Path) -> list[str]:
    """Every ERROR of the CSIP 2.1 and SIP 2.1 checks (structure, METS schema, Schematron)."""
    packages, version = load_validator()
    report = packages.PackageValidator(package_dir, version.V2_1_0).validation_report
    errors = [f"structure {m.rule_id}: {m.message}" for m in report.structure.messages
              if m.severity.name == "ERROR"]
    if report.metadata is not None:
        for kind in ("schema_results", "schematron_results"):
            results = getattr(report.metadata, kind)
            errors += [f"{kind} {m.rule_id} {m.location}: {m.message}"
                       for m in results.messages if m.severity.name == "ERROR"]
    return errors
