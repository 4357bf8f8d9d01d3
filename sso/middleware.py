"""A user logged in with the city's account is re-checked at the provider now and then."""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import cached_property
from mozilla_django_oidc.middleware import SessionRefresh


class OidcSessionRefresh(SessionRefresh):
    """Every OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS (15 minutes) a GET of an OIDC-logged-in user
    goes silently through the provider (prompt=none). Someone removed from the directory,
    or logged out there, is logged out here too. Password logins are left alone."""

    @cached_property
    def exempt_urls(self):
        # The library's own list names its logout view, which we do not use.
        return {reverse(name) for name in ("oidc_authentication_init",
                                           "oidc_authentication_callback", "logout",
                                           "sso_no_mapping")}

    def process_request(self, request):
        if not settings.OIDC_ENABLED:
            return None
        return super().process_request(request)
