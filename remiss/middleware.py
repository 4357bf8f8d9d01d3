"""Response headers that Django's SecurityMiddleware and django-csp do not set."""

from django.conf import settings
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
