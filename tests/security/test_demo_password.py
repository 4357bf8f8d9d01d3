"""The demo password (README) is refused at login when DEBUG is off, and
`check --deploy` fails while an account still has it."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from remiss.checks import demo_password_in_use

DEMO = "remiss-demo"


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.DEMO_PASSWORD_WITHOUT_DEBUG = False


@pytest.fixture
def admin_with_demo_password(users):
    admin = users["admin"]
    admin.set_password(DEMO)
    admin.save()
    return admin


@pytest.mark.django_db
def test_login_with_the_demo_password_is_refused_without_debug(client, production,
                                                               admin_with_demo_password):
    assert authenticate(username="admin", password=DEMO) is None
    response = client.post(reverse("login"), {"username": "admin", "password": DEMO})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_demo_password_works_in_development(settings, admin_with_demo_password):
    settings.DEBUG = True
    settings.DEMO_PASSWORD_WITHOUT_DEBUG = False
    assert authenticate(username="admin", password=DEMO) == admin_with_demo_password


@pytest.mark.django_db
def test_other_passwords_still_log_in_without_debug(client, production, users):
    from tests.conftest import PASSWORD

    assert authenticate(username="admin", password=PASSWORD) == users["admin"]


@pytest.mark.django_db
def test_check_deploy_fails_while_an_account_has_the_demo_password(production,
                                                                   admin_with_demo_password):
    errors = demo_password_in_use()
    assert [e.id for e in errors] == ["remiss.E001"] and "admin" in errors[0].msg
    with pytest.raises(SystemCheckError, match="remiss.E001"):
        call_command("check", "--deploy", "--tag", "security")
    admin_with_demo_password.set_password("ett nytt långt lösenord för drift")
    admin_with_demo_password.save()
    assert demo_password_in_use() == []
