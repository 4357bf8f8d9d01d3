"""Building editor POSTs the way the browser form sends them."""

from responses.forms import UtlatandeForm


def editor_post(utlatande, **overrides) -> dict:
    """The editor form of `utlatande` as posted unchanged, with section texts overridable
    as html_<key>=... and any other field by name."""
    initial = UtlatandeForm.initial_for(utlatande)
    data = {k: ("" if v is None else str(v)) for k, v in initial.items()}
    for section in utlatande.sections:
        data[f"heading_{section['key']}"] = section["heading"]
        data[f"html_{section['key']}"] = section["html"]
    data.update(overrides)
    return data
