from functools import wraps

from django.conf import settings
from django.http import Http404
from django.urls import path
from mozilla_django_oidc import views as oidc_views

from . import views


def _when_enabled(view):
    """The OpenID Connect views exist only when OIDC_ENABLED is on."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)
    return wrapper


urlpatterns = [
    path("ingen-behorighet/", views.no_mapping, name="sso_no_mapping"),
    path("oidc/authenticate/",
         _when_enabled(oidc_views.OIDCAuthenticationRequestView.as_view()),
         name="oidc_authentication_init"),
    path("oidc/callback/", _when_enabled(oidc_views.OIDCAuthenticationCallbackView.as_view()),
         name="oidc_authentication_callback"),
]
