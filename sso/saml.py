"""SAML 2.0 login (djangosaml2 on pysaml2): the same provisioning as OpenID Connect.

The NameID is the stable subject; attributes give user name, name, e-mail and groups.
"""

from django.conf import settings
from django.shortcuts import redirect
from djangosaml2.backends import Saml2Backend

from .backends import NO_MAPPING_SESSION_KEY
from .models import ExternalIdentity
from .provisioning import Identity, user_provision


def _first(attributes: dict, name: str) -> str:
    values = attributes.get(name) or [""]
    return str(values[0])


class CitySaml2Backend(Saml2Backend):
    def authenticate(self, request, session_info=None, attribute_mapping=None,
                     create_unknown_user=True, assertion_info=None, **kwargs):
        if request is None or session_info is None or "ava" not in session_info:
            return None
        attributes = session_info["ava"]
        name_id = session_info["name_id"]
        subject = getattr(name_id, "text", None) or str(name_id)
        identity = Identity(
            provider=ExternalIdentity.Provider.SAML, subject=subject,
            username=_first(attributes, settings.SAML_USERNAME_ATTRIBUTE) or subject,
            email=_first(attributes, "mail"), first_name=_first(attributes, "givenName"),
            last_name=_first(attributes, "sn"),
            groups=[str(g) for g in attributes.get(settings.SAML_GROUPS_ATTRIBUTE, [])])
        user = user_provision(identity=identity)
        if user is None:
            request.session[NO_MAPPING_SESSION_KEY] = {
                "name": f"{identity.first_name} {identity.last_name}".strip()
                or identity.username, "groups": identity.groups}
        return user


def acs_failure(request, exception=None, status=403, **kwargs):
    """A refused, replayed or unmapped response: the Swedish page, not djangosaml2's 403."""
    return redirect("sso_no_mapping")


def sp_config(*, base_url: str, idp_metadata: list[str], key_file: str, cert_file: str,
              idp_metadata_url: str = "") -> dict:
    """pysaml2's SP configuration for Remiss at base_url."""
    from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT

    metadata = {}
    if idp_metadata:
        metadata["local"] = idp_metadata
    if idp_metadata_url:
        metadata["remote"] = [{"url": idp_metadata_url}]
    return {
        "entityid": f"{base_url}/konto/saml2/metadata/",
        "xmlsec_binary": settings.SAML_XMLSEC_BINARY,
        "allow_unknown_attributes": True,
        "service": {"sp": {
            "name": "Remiss",
            "endpoints": {
                "assertion_consumer_service": [(f"{base_url}/konto/saml2/acs/",
                                                BINDING_HTTP_POST)],
                "single_logout_service": [(f"{base_url}/konto/saml2/ls/",
                                           BINDING_HTTP_REDIRECT),
                                          (f"{base_url}/konto/saml2/ls/post/",
                                           BINDING_HTTP_POST)],
            },
            # Only answers to our own requests (no unsolicited, no replays), signed.
            "allow_unsolicited": False,
            "want_assertions_signed": True,
            "want_response_signed": False,
            "authn_requests_signed": True,
            "logout_requests_signed": True,
        }},
        "metadata": metadata,
        "key_file": key_file,
        "cert_file": cert_file,
        "encryption_keypairs": [{"key_file": key_file, "cert_file": cert_file}],
    }
