from functools import wraps

from django.conf import settings
from django.http import Http404
from django.urls import path
from djangosaml2 import views as saml_views
from mozilla_django_oidc import views as oidc_views

from . import views


def _when_enabled(view, setting="OIDC_ENABLED"):
    """The views of a login protocol exist only while its setting is on."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not getattr(settings, setting):
            raise Http404
        return view(request, *args, **kwargs)
    return wrapper


def _saml(view):
    return _when_enabled(view, "SAML_ENABLED")


urlpatterns = [
    path("ingen-behorighet/", views.no_mapping, name="sso_no_mapping"),
    path("oidc/authenticate/",
         _when_enabled(oidc_views.OIDCAuthenticationRequestView.as_view()),
         name="oidc_authentication_init"),
    path("oidc/callback/", _when_enabled(oidc_views.OIDCAuthenticationCallbackView.as_view()),
         name="oidc_authentication_callback"),
    path("saml2/login/", _saml(saml_views.LoginView.as_view()), name="saml2_login"),
    path("saml2/acs/", _saml(saml_views.AssertionConsumerServiceView.as_view()),
         name="saml2_acs"),
    path("saml2/logout/", _saml(saml_views.LogoutInitView.as_view()), name="saml2_logout"),
    path("saml2/ls/", _saml(saml_views.LogoutView.as_view()), name="saml2_ls"),
    path("saml2/ls/post/", _saml(saml_views.LogoutView.as_view()), name="saml2_ls_post"),
    path("saml2/metadata/", _saml(saml_views.MetadataView.as_view()), name="saml2_metadata"),
]
