"""Response headers that Django's SecurityMiddleware and django-csp do not set, and the
login redirect for anonymous visitors whom a view refuses."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.cache import patch_cache_control


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; no caching of pages shown to a logged-in user.

    Drafts are a förvaltning's working material: a shared computer's browser cache or a proxy
    must not keep a copy after logout.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header(
                "Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response

    def process_exception(self, request, exception):
        """A refusal (PermissionDenied) for someone not logged in means "log in first": send
        them to the login page like @login_required does, whatever decorator refused."""
        user = getattr(request, "user", None)
        if isinstance(exception, PermissionDenied) and user is not None and (
                not user.is_authenticated):
            return redirect_to_login(request.get_full_path())
        return None
