"""SAML 2.0 login through pysaml2's own IdP: mapping and provisioning as with OpenID
Connect, a replayed response refused, a response of another IdP refused."""

import pytest
from django.test import Client

from organisations.models import Role, User
from sso.models import ExternalIdentity, RoleMapping
from sso.saml import sp_config
from tests.sso.saml_idp import SamlIdp, key_pair


@pytest.fixture
def saml(settings, tmp_path, orgs):
    key_file, cert_file = key_pair(tmp_path, "sp")
    settings.SAML_ENABLED = True
    conf = sp_config(base_url="http://testserver", idp_metadata=[], key_file=key_file,
                     cert_file=cert_file)
    idp = SamlIdp(tmp_path, conf)
    settings.SAML_CONFIG = {**conf, "metadata": {"local": [str(idp.metadata_file)]}}
    for role in (Role.HANDLAGGARE, Role.GRANSKARE):
        RoleMapping.objects.create(value=f"remiss-kun-{role.value}",
                                   organisation=orgs["kun"], role=role)
    return idp


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
