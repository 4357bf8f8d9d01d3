"""Login backends: the city's OpenID Connect provider, and local passwords (which a setting
turns off for everyone but the break-glass administrators)."""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import ExternalIdentity
from .provisioning import Identity, user_provision

NO_MAPPING_SESSION_KEY = "sso_no_mapping"
logger = logging.getLogger(__name__)


SSO_PATHS = ("/konto/oidc/", "/konto/saml2/")


def not_a_password_login(request, credentials=None) -> bool:
    """django-axes (AXES_WHITELIST_CALLABLE): a refused single sign-on callback is not a
    guessed password. Counting it would lock out a whole office behind one address after a
    few colleagues without a group mapping; the provider throttles its own login."""
    return request is not None and request.path.startswith(SSO_PATHS)


class LocalPasswordBackend(ModelBackend):
    """Django's password check, only while local passwords are allowed for this user."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.LOCAL_LOGIN_ENABLED and username not in settings.LOCAL_LOGIN_BREAK_GLASS:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class CityOidcBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc with the checks it leaves out, and provisioning by mapping."""

    def authenticate(self, request, **kwargs):
        """A refused token, a code the provider does not know or a provider that does not
        answer: no login, and the person lands on the Swedish failure page, not a 500."""
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException) as error:
            logger.warning("Inloggning med stadens konto vägrad: %s", error)
            return None

    def get_payload_data(self, token, key):
        """Signature, and also audience (our client id), issuer and expiry: the library
        checks only the signature and expiry."""
        try:
            return jwt.decode(
                token, key, algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID, issuer=settings.OIDC_OP_ISSUER or None,
                leeway=settings.OIDC_CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "aud", "sub"]
                         + (["iss"] if settings.OIDC_OP_ISSUER else [])})
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID-token vägrad: {error}") from error

    def verify_token(self, token, **kwargs):
        self._id_claims = super().verify_token(token, **kwargs)
        return self._id_claims

    def get_userinfo(self, access_token, id_token, payload):
        claims = super().get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            # OpenID Connect Core 5.3.2: userinfo of another subject must not be used.
            raise SuspiciousOperation("userinfo gäller en annan användare än ID-token.")
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
        if isinstance(groups, str):
            groups = [groups]
        identity = Identity(
            provider=ExternalIdentity.Provider.OIDC, subject=str(claims["sub"]),
            username=str(claims.get(settings.OIDC_USERNAME_CLAIM) or claims["sub"]),
            email=claims.get("email", ""), first_name=claims.get("given_name", ""),
            last_name=claims.get("family_name", ""), groups=[str(g) for g in groups])
        user = user_provision(identity=identity)
        if user is None:
            self.request.session[NO_MAPPING_SESSION_KEY] = {
                "name": claims.get("name") or identity.username, "groups": identity.groups}
        else:
            self.request.session.pop(NO_MAPPING_SESSION_KEY, None)
        return user
