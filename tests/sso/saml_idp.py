"""pysaml2's own identity provider (saml2.server.Server) for the SAML login tests.

It runs in the test process: the browser's part (following the redirect to the IdP and
posting its form back) is played by the test, which hands the IdP the SAMLRequest from
Remiss's redirect and posts the signed SAMLResponse to Remiss's ACS, as a browser would.
"""

import base64
import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig, SPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_BASIC, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

IDP_URL = "http://idp.stad.test"


def key_pair(folder: Path, name: str) -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .sign(key, hashes.SHA256()))
    key_file, cert_file = folder / f"{name}.key", folder / f"{name}.crt"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.TraditionalOpenSSL,
                                           serialization.NoEncryption()))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


class SamlIdp:
    def __init__(self, folder: Path, sp_conf: dict):
        key_file, cert_file = key_pair(folder, "idp")
        sp_metadata = folder / "sp.xml"
        sp_metadata.write_bytes(create_metadata_string(
            None, config=SPConfig().load({**sp_conf, "metadata": {}}), valid=24))
        conf = {
            "entityid": f"{IDP_URL}/metadata",
            "xmlsec_binary": sp_conf["xmlsec_binary"],
            "service": {"idp": {
                "name": "Stadens inloggning (test)",
                "endpoints": {
                    "single_sign_on_service": [(f"{IDP_URL}/sso/redirect",
                                                BINDING_HTTP_REDIRECT)],
                    "single_logout_service": [(f"{IDP_URL}/slo", BINDING_HTTP_REDIRECT)],
                },
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "policy": {"default": {"lifetime": {"minutes": 15},
                                       "attribute_restrictions": None,
                                       "name_form": NAME_FORMAT_BASIC}},
            }},
            "key_file": key_file, "cert_file": cert_file,
            "metadata": {"local": [str(sp_metadata)]},
        }
        self.config = IdPConfig().load(conf)
        self.server = Server(config=self.config)
        self.metadata_file = folder / "idp.xml"
        self.metadata_file.write_bytes(create_metadata_string(None, config=self.config,
                                                             valid=24))
        self.directory: dict[str, dict] = {}

    def user(self, username: str, groups: list[str]) -> None:
        first, _, last = username.partition(".")
        self.directory[username] = {"uid": [username], "givenName": [first.title()],
                                    "sn": [last.title()], "mail": [f"{username}@stockholm.se"],
                                    "memberOf": groups}

    def respond(self, redirect_url: str, username: str) -> tuple[str, dict]:
        """The IdP's answer to Remiss's redirect for a signed-in `username`:
        (ACS URL, form fields SAMLResponse and RelayState)."""
        query = parse_qs(urlparse(redirect_url).query)
        request = self.server.parse_authn_request(query["SAMLRequest"][0],
                                                  BINDING_HTTP_REDIRECT)
        message = request.message
        acs = message.assertion_consumer_service_url
        response = self.server.create_authn_response(
            identity=self.directory[username], in_response_to=message.id, destination=acs,
            sp_entity_id=message.issuer.text, userid=username,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=username),
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password",
                   "authn_auth": IDP_URL},
            sign_assertion=True, sign_response=True)
        return acs, {"SAMLResponse": base64.b64encode(str(response).encode()).decode(),
                     "RelayState": query.get("RelayState", [""])[0]}

    def parse_logout(self, redirect_url: str):
        """Remiss's LogoutRequest as the IdP reads it (signature checked)."""
        query = parse_qs(urlparse(redirect_url).query)
        return self.server.parse_logout_request(
            query["SAMLRequest"][0], BINDING_HTTP_REDIRECT, relay_state=None,
            sigalg=query.get("SigAlg", [None])[0], signature=query.get("Signature", [None])[0])
