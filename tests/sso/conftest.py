"""A real OpenID Connect provider for the login tests: django-oidc-provider in its own
Django process (tests/sso/provider), started once per test session on a free port; the
demo's kinds of user and the mapping of their groups, shared with the SAML tests."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
import requests

from organisations.models import Organisation, OrganisationKind, Role
from sso.models import RoleMapping

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID, CLIENT_SECRET = "remiss", "remiss-hemlighet-for-test"
CALLBACK = "http://testserver/konto/oidc/callback/"
PASSWORD = "stadens-losenord"

# The demo's seven kinds of user (README), each given by one group in the directory.
DEMO = [
    ("handlaggare.kultur", "kun", Role.HANDLAGGARE),
    ("granskare.kultur", "kun", Role.GRANSKARE),
    ("sekreterare.kultur", "kun", Role.NAMNDSEKRETERARE),
    ("handlaggare.stadsarkivet", "ssa", Role.HANDLAGGARE),
    ("handlaggare.rinkeby", "rik", Role.HANDLAGGARE),
    ("handlaggare.utbildning", "utn", Role.HANDLAGGARE),
    ("slk", "ks", Role.STADSLEDNINGSKONTORET),
    ("admin", "ks", Role.ADMINISTRATOR),
]


def group(short, role):
    """The directory group that the `mappings` fixture maps to organisation and role."""
    return f"remiss-{short}-{role.value if hasattr(role, 'value') else role}"


@pytest.fixture
def mappings(orgs):
    """A RoleMapping (the admin's table) for every organisation of the demo and role."""
    extra = {"ssa": ("Stadsarkivet", OrganisationKind.FACKNAMND),
             "utn": ("Utbildningsnämnden", OrganisationKind.FACKNAMND)}
    for short, (name, kind) in extra.items():
        orgs[short] = Organisation.objects.create(short=short, name=name, forvaltning=name,
                                                  kind=kind)
    for short in orgs:
        for role in Role:
            RoleMapping.objects.create(value=group(short, role), organisation=orgs[short],
                                       role=role)
    return orgs


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Provider:
    def __init__(self, url, env):
        self.url = url
        self.env = env
        self.issuer = url + "/openid"

    def manage(self, *args, stdin=None):
        subprocess.run([sys.executable, "-m", "django", *args], cwd=ROOT, env=self.env,
                       input=stdin, text=True, check=True, capture_output=True)

    def seed(self, **spec):
        self.manage("provider_seed", stdin=json.dumps(spec))

    def user(self, username, groups, **extra):
        first, _, last = username.partition(".")
        self.seed(users=[{"username": username, "password": PASSWORD, "groups": groups,
                          "first_name": first.title(), "last_name": last.title(),
                          "email": f"{username}@stockholm.se", **extra}])

    def remove(self, username):
        self.seed(remove=[username])

    def browser(self):
        return requests.Session()

    def sign_in(self, session, authorize_url, username, password=PASSWORD):
        """The person at the provider: authorize → its login form → back with a code.
        Returns the provider's last response (a redirect to the client when it went well)."""
        response = session.get(authorize_url, allow_redirects=False)
        if response.status_code == 302 and "/login/" in response.headers["Location"]:
            login_url = urljoin(self.url, response.headers["Location"])
            session.get(login_url)
            nxt = parse_qs(urlparse(login_url).query)["next"][0]
            response = session.post(login_url, allow_redirects=False, data={
                "username": username, "password": password, "next": nxt,
                "csrfmiddlewaretoken": session.cookies["csrftoken"]})
            if response.status_code != 302:
                return response  # the login form again: refused
            response = session.get(urljoin(self.url, response.headers["Location"]),
                                   allow_redirects=False)
        return response


@pytest.fixture(scope="session")
def provider(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-provider")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.sso.provider.settings",
           "PROVIDER_DB": str(folder / "provider.sqlite3"), "PROVIDER_URL": url,
           # Keep what is there (tests/clock moves every process's clock in test-anyday).
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                       os.environ.get("PYTHONPATH")]))}
    env.pop("DATABASE_URL", None)
    made = Provider(url, env)
    made.manage("migrate", "--noinput")
    made.manage("creatersakey")
    made.seed(clients=[
        {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": [CALLBACK],
         "post_logout_redirect_uris": ["http://testserver/konto/logga-in/"]},
        {"client_id": "annan-tjanst", "client_secret": "annan", "redirect_uris": [
            "http://annan.example/callback"]},
    ])
    log = open(folder / "server.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", "--noreload", "--nothreading",
         f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(made.issuer + "/.well-known/openid-configuration",
                                timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError((folder / "server.log").read_text())
            time.sleep(0.3)
        yield made
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture
def oidc_settings(settings, provider):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_ISSUER = provider.issuer
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = provider.issuer + "/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = provider.issuer + "/token"
    settings.OIDC_OP_USER_ENDPOINT = provider.issuer + "/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = provider.issuer + "/jwks"
    settings.OIDC_OP_LOGOUT_ENDPOINT = provider.issuer + "/end-session"
    return settings


@pytest.fixture
def oidc_login(provider, oidc_settings):
    """Log `client` in through the provider as `username`; returns Remiss's last response."""
    def login(client, username, password=PASSWORD, browser=None):
        start = client.get("/konto/oidc/authenticate/")
        assert start.status_code == 302, start
        browser = browser or provider.browser()
        back = provider.sign_in(browser, start["Location"], username, password)
        if back.status_code != 302 or not back.headers["Location"].startswith(
                "http://testserver/"):
            return back
        return client.get(back.headers["Location"].removeprefix("http://testserver"))

    return login
