"""A throwaway PKI made by the tests: root CA, the organisation's seal and a TSA.

Keys live in a temporary folder for one test session and never in the repository.
"""

import datetime
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass
class Pki:
    root_cert: Path
    seal_key: Path
    seal_cert: Path
    tsa_key: Path
    tsa_cert: Path


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Stockholms stad (test)"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _cert(subject, key, issuer, issuer_key, *, ca=False, eku=None):
    now = datetime.datetime.now(datetime.UTC)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1))
               .not_valid_after(now + datetime.timedelta(days=3650))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(
                   digital_signature=not ca, content_commitment=not ca and eku is None,
                   key_encipherment=False, data_encipherment=False, key_agreement=False,
                   key_cert_sign=ca, crl_sign=ca, encipher_only=False, decipher_only=False),
                   critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                              critical=False))
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _write(folder: Path, stem: str, key, cert) -> tuple[Path, Path]:
    key_path, cert_path = folder / f"{stem}.key.pem", folder / f"{stem}.cert.pem"
    if key is not None:
        key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                               serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def make_pki(folder: Path) -> Pki:
    root_key = _key()
    root_name = _name("Remiss test root CA")
    root = _cert(root_name, root_key, root_name, root_key, ca=True)
    seal_key = _key()
    seal = _cert(_name("Kulturnämnden e-sigill (test)"), seal_key, root_name, root_key)
    tsa_key = _key()
    tsa = _cert(_name("Remiss test TSA"), tsa_key, root_name, root_key,
                eku=[ExtendedKeyUsageOID.TIME_STAMPING])
    _, root_path = _write(folder, "root", None, root)
    seal_paths = _write(folder, "seal", seal_key, seal)
    tsa_paths = _write(folder, "tsa", tsa_key, tsa)
    return Pki(root_path, *seal_paths, *tsa_paths)


def start_tsa(pki: Pki):
    """An RFC 3161 server on 127.0.0.1 answering with pyHanko's DummyTimeStamper.

    Returns (url, server); call server.shutdown() when done."""
    from asn1crypto import keys, pem, tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    def load(path: Path):
        return pem.unarmor(path.read_bytes())[2]

    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(load(pki.tsa_cert)),
        tsa_key=keys.PrivateKeyInfo.load(load(pki.tsa_key)),
        certs_to_embed=[asn1_x509.Certificate.load(load(pki.root_cert))])

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            reply = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/tsa", server
