"""Authorization: Api-Key <prefix.secret>: the key's service user becomes request.user."""

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework_api_key.permissions import KeyParser

from .models import ApiKey

# last_used_at is bookkeeping: written at most once per this many seconds per key.
LAST_USED_RESOLUTION_SECONDS = 60


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Api-Key"

    def authenticate(self, request):
        key = KeyParser().get(request)
        if not key:
            return None
        prefix, _, _ = key.partition(".")
        api_key = ApiKey.objects.select_related("user", "organisation").filter(
            prefix=prefix).first()
        if api_key is None or not api_key.is_valid(key):
            raise exceptions.AuthenticationFailed(code="invalid_key")
        if api_key.revoked:
            raise exceptions.AuthenticationFailed(code="revoked_key")
        if api_key.has_expired:
            raise exceptions.AuthenticationFailed(code="expired_key")
        now = timezone.now()
        if (api_key.last_used_at is None
                or (now - api_key.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS):
            ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        return api_key.user, api_key

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """The key in the OpenAPI schema (drf-spectacular finds this subclass by itself)."""

    target_class = "api.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "Authorization: Api-Key <nyckel> (från api_token create)"}
