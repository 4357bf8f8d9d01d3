"""Scopes of a key: read for safe methods and for views that change nothing (a view with
read_only = True, such as verifying an uploaded PDF), write for the rest.

What the key may see or change within its scopes is decided by the web's own functions
(programs.selectors, programs.permissions, responses.selectors) applied to its service user.
"""

from rest_framework import permissions

from .errors import ApiError
from .models import ApiKey, ApiScope


class HasScope(permissions.BasePermission):
    def has_permission(self, request, view):
        api_key = request.auth
        if not isinstance(api_key, ApiKey):
            from rest_framework.exceptions import NotAuthenticated
            raise NotAuthenticated(code="not_authenticated")
        reads = request.method in permissions.SAFE_METHODS or getattr(view, "read_only", False)
        scope = ApiScope.READ if reads else ApiScope.WRITE
        if not api_key.has_scope(scope):
            raise ApiError("scope_missing", 403, {"scope": scope})
        return True
