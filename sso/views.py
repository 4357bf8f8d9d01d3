"""Login page with the city's login, the "no mapping" page, and logout at the provider."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from .backends import NO_MAPPING_SESSION_KEY


class LoginView(auth_views.LoginView):
    """Django's login form, plus the button for the city's account when it is configured."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "oidc_enabled": settings.OIDC_ENABLED,
                "local_login_enabled": settings.LOCAL_LOGIN_ENABLED}


@require_safe
def no_mapping(request):
    """After the provider's login: the claims gave no organisation and role, or the login
    failed. Template: sso/no_mapping.html (200, not 403: the person did nothing wrong)."""
    details = request.session.pop(NO_MAPPING_SESSION_KEY, None)
    return render(request, "sso/no_mapping.html",
                  {"details": details, "contact": settings.SSO_SUPPORT_CONTACT})


def provider_logout_url(request) -> str | None:
    """RP-initiated logout: the provider's end-session URL with our id token as hint."""
    id_token = request.session.get("oidc_id_token")
    if not (settings.OIDC_ENABLED and settings.OIDC_OP_LOGOUT_ENDPOINT and id_token):
        return None
    back = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
    return settings.OIDC_OP_LOGOUT_ENDPOINT + "?" + urlencode(
        {"id_token_hint": id_token, "post_logout_redirect_uri": back})


@require_POST
def logout(request):
    """Ends our session, then the provider's where it was used (so the next login asks)."""
    saml_session = getattr(request, "saml_session", None)
    if settings.SAML_ENABLED and saml_session is not None and saml_session.get(
            "_saml2_subject_id"):
        # djangosaml2 sends the signed LogoutRequest (SLO) and ends our session.
        return redirect("saml2_logout")
    url = provider_logout_url(request)
    auth.logout(request)
    return redirect(url or reverse(settings.LOGOUT_REDIRECT_URL))
