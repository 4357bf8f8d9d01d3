"""Quick groups of recipients ("alla stadsdelsnämnder" ...), picked in one click."""

from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, OrganisationKind

# key → (label, organisation kinds)
QUICK_GROUPS = {
    "stadsdelsnamnder": (_("Alla stadsdelsnämnder"), (OrganisationKind.STADSDELSNAMND,)),
    "facknamnder": (_("Alla facknämnder"), (OrganisationKind.FACKNAMND,)),
    "samtliga": (_("Samtliga nämnder och bolagsstyrelser"),
                 (OrganisationKind.STADSDELSNAMND, OrganisationKind.FACKNAMND,
                  OrganisationKind.BOLAG)),
}


def group_choices():
    return [(key, label) for key, (label, _kinds) in QUICK_GROUPS.items()]


def organisations_in_groups(keys) -> set[int]:
    kinds = {kind for key in keys if key in QUICK_GROUPS for kind in QUICK_GROUPS[key][1]}
    if not kinds:
        return set()
    return set(Organisation.objects.filter(kind__in=kinds).values_list("pk", flat=True))


def kinds_by_group() -> dict[str, list[str]]:
    """For the enhancing script: which kinds a group ticks."""
    return {key: [str(k) for k in kinds] for key, (_label, kinds) in QUICK_GROUPS.items()}
