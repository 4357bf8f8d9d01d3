"""SAML 2.0 login through pysaml2's own IdP: mapping and provisioning as with OpenID
Connect (each demo role), a replayed response refused, a response of another IdP refused."""

import copy

import pytest
from django.test import Client
from django.urls import reverse

from organisations.models import Role, User
from programs.models import Recipient
from responses.models import State, Utlatande, UtlatandeRecipient
from sso.models import ExternalIdentity, RoleMapping
from sso.saml import sp_config
from tests.sso.conftest import DEMO, group
from tests.sso.saml_idp import SamlIdp, key_pair


@pytest.fixture(scope="module")
def saml_idp(tmp_path_factory):
    """The IdP and Remiss's SP configuration, made once per module (keys, metadata)."""
    folder = tmp_path_factory.mktemp("saml")
    key_file, cert_file = key_pair(folder, "sp")
    conf = sp_config(base_url="http://testserver", idp_metadata=[], key_file=key_file,
                     cert_file=cert_file)
    idp = SamlIdp(folder, conf)
    return idp, {**conf, "metadata": {"local": [str(idp.metadata_file)]}}


@pytest.fixture
def saml_sp(settings, saml_idp):
    """Remiss with SAML on, trusting the IdP; no mapping yet."""
    idp, conf = saml_idp
    settings.SAML_ENABLED = True
    settings.SAML_CONFIG = copy.deepcopy(conf)
    return idp


@pytest.fixture
def saml(saml_sp, orgs):
    for role in (Role.HANDLAGGARE, Role.GRANSKARE):
        RoleMapping.objects.create(value=f"remiss-kun-{role.value}",
                                   organisation=orgs["kun"], role=role)
    return saml_sp


def _login(client, idp, username):
    start = client.get("/konto/saml2/login/?next=/")
    assert start.status_code == 302, start.content[:500]
    acs, form = idp.respond(start["Location"], username)
    assert acs == "http://testserver/konto/saml2/acs/"
    return form, client.post("/konto/saml2/acs/", form)


def test_saml_login_provisions_the_user_from_the_mapping(saml):
    saml.user("greta.gran", ["alla-anstallda", "remiss-kun-granskare"])
    client = Client()
    _form, response = _login(client, saml, "greta.gran")
    assert response.status_code == 302 and response["Location"] == "/", response
    user = User.objects.get(username="greta.gran")
    assert (user.organisation.short, user.role) == ("kun", Role.GRANSKARE)
    assert ExternalIdentity.objects.get(user=user).provider == "saml"
    assert int(client.session["_auth_user_id"]) == user.pk


def _starts_an_answer(client, user, remiss):
    """A handläggare starts the organisation's answer and gets its editor."""
    recipient = remiss.recipients.get(organisation=user.organisation)
    assert "Påbörja svar" in client.get("/").content.decode()
    started = client.post(reverse("responses:start", args=[recipient.pk]))
    assert started.status_code == 302, started
    return client.get(started["Location"])


def _approves_an_answer(client, user, remiss):
    """A granskare finds the organisation's answer in granskning waiting for them."""
    utlatande = Utlatande.objects.create(organisation=user.organisation, title="Svaret",
                                         state=State.GRANSKNING)
    UtlatandeRecipient.objects.create(
        utlatande=utlatande, recipient=remiss.recipients.get(organisation=user.organisation))
    desk = client.get("/")
    assert "Godkänn och underteckna" in desk.content.decode()
    return desk


# What only that role may open (or do), as in tests/security/test_permission_matrix.py.
ROLE_PAGE = {
    Role.HANDLAGGARE: _starts_an_answer,
    Role.GRANSKARE: _approves_an_answer,
    Role.NAMNDSEKRETERARE: lambda client, *_: client.get(reverse("responses:template")),
    Role.STADSLEDNINGSKONTORET: lambda client, *_: client.get(
        reverse("programs:remiss_create")),
    Role.ADMINISTRATOR: lambda client, *_: client.get(reverse("archive:earkiv")),
}
MANAGERS = (Role.STADSLEDNINGSKONTORET, Role.ADMINISTRATOR)


@pytest.mark.parametrize(("username", "short", "role"), DEMO, ids=[d[0] for d in DEMO])
def test_each_demo_role_logs_in_through_saml(saml_sp, mappings, remiss, username, short,
                                             role):
    for organisation in mappings.values():  # the remiss went to every förvaltning
        if organisation.short != "ks":
            Recipient.objects.get_or_create(remiss=remiss, organisation=organisation)
    saml_sp.user(username, ["alla-anstallda", group(short, role)])
    client = Client()
    _form, response = _login(client, saml_sp, username)
    assert response.status_code == 302 and response["Location"] == "/", response
    user = User.objects.get(username=username)
    assert (user.organisation.short, user.role, user.is_active) == (short, role, True)
    assert not user.has_usable_password()
    assert int(client.session["_auth_user_id"]) == user.pk
    assert ExternalIdentity.objects.get(user=user).provider == "saml"
    # The role's start page: SLK and administrators their inbox, the others their desk.
    start = client.get("/")
    assert start.status_code == 200
    text = start.content.decode()
    if role in MANAGERS:
        assert "<title>Inkorg" in text
    else:
        assert "<title>Mitt skrivbord" in text
        assert (f"Du är {user.get_role_display()} vid {user.organisation.forvaltning}"
                in text)
    assert ROLE_PAGE[role](client, user, remiss).status_code == 200
    # ... and not another role's pages.
    created = client.get(reverse("programs:remiss_create"))
    assert created.status_code == (200 if role in MANAGERS else 403)
    earkiv = client.get(reverse("archive:earkiv"))
    assert earkiv.status_code == (200 if role == Role.ADMINISTRATOR else 403)


def test_a_replayed_response_is_refused(saml):
    saml.user("hans.holm", ["remiss-kun-handlaggare"])
    browser = Client()
    form, first = _login(browser, saml, "hans.holm")
    assert first["Location"] == "/"
    # The same response again in the same browser, after logging out: refused, because
    # the request it answered is no longer outstanding.
    browser.get(browser.post("/konto/logga-ut/")["Location"])
    assert "_auth_user_id" not in browser.session
    again = browser.post("/konto/saml2/acs/", form)
    assert again["Location"] == "/konto/ingen-behorighet/"
    assert "_auth_user_id" not in browser.session
    # And in another browser (someone who copied it): refused as well.
    thief = Client()
    replay = thief.post("/konto/saml2/acs/", form)
    assert replay["Location"] == "/konto/ingen-behorighet/"
    assert "_auth_user_id" not in thief.session


def test_a_response_nobody_asked_for_is_refused(saml):
    saml.user("ida.is", ["remiss-kun-handlaggare"])
    asking = Client()
    start = asking.get("/konto/saml2/login/?next=/")
    _acs, form = saml.respond(start["Location"], "ida.is")
    other = Client()
    refused = other.post("/konto/saml2/acs/", form)
    assert refused["Location"] == "/konto/ingen-behorighet/"
    assert "_auth_user_id" not in other.session


def test_saml_user_without_mapping_gets_the_swedish_page(saml):
    saml.user("jan.jarl", ["alla-anstallda"])
    client = Client()
    _form, response = _login(client, saml, "jan.jarl")
    assert response["Location"] == "/konto/ingen-behorighet/"
    page = client.get(response["Location"]).content.decode()
    assert "Du har inte behörighet i Remiss ännu" in page
    assert not User.objects.filter(username="jan.jarl").exists()


def test_logout_sends_a_signed_logout_request_to_the_idp(saml):
    saml.user("karin.krona", ["remiss-kun-handlaggare"])
    client = Client()
    _login(client, saml, "karin.krona")
    response = client.post("/konto/logga-ut/")
    assert response["Location"] == "/konto/saml2/logout/"
    to_idp = client.get(response["Location"])
    assert to_idp["Location"].startswith("http://idp.stad.test/slo?SAMLRequest=")
    assert "_auth_user_id" not in client.session
    request = saml.parse_logout(to_idp["Location"])
    assert request.message.name_id.text == "karin.krona"


def test_saml_views_are_absent_when_switched_off(client, db, settings):
    settings.SAML_ENABLED = False
    assert client.get("/konto/saml2/login/").status_code == 404
