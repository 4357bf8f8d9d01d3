"""Diarienummer of kommunstyrelsen: the formats seen in real remisser."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# KS 2021/866, KS-dnr 009-1322/2011, KS-dnr-009-1322/2011, 174-742/2016 (a rotel's own).
KS_DNR_PATTERN = r"^(KS([- ]dnr)?[- ])?([0-9]{4}/[0-9]{1,6}|[0-9]{3}-[0-9]{1,6}/[0-9]{4})$"
_ks_dnr_re = re.compile(KS_DNR_PATTERN)


def normalize_ks_dnr(value: str) -> str:
    return " ".join((value or "").split())


def validate_ks_dnr(value: str) -> None:
    if not _ks_dnr_re.match(normalize_ks_dnr(value)):
        raise ValidationError(
            _("Ogiltigt diarienummer ”%(value)s”. Använd till exempel KS 2021/866, "
              "KS-dnr 009-1322/2011 eller 174-742/2016."),
            code="invalid_dnr",
            params={"value": value},
        )
