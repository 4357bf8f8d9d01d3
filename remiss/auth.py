"""Authentication backends of the project.

Every way of logging in goes through Django's backends (settings.AUTHENTICATION_BACKENDS), so
the city's single sign-on is one more backend and throttling applies to all of them.
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

USERNAME_LOG_LENGTH = 150


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes lockout check for logins that come in over HTTP.

    django-axes refuses authenticate() calls without a request; those come only from code
    running inside the server (management commands, the test client), which no attacker can
    repeat, so they are let through to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class DemoPasswordRefusalBackend:
    """Refuses the demo users' shared password whenever DEBUG is off.

    A database seeded in development and served in production would otherwise let anyone
    in with the password printed in the README. Raising PermissionDenied stops Django from
    asking the next backend, and counts as a failed login for the throttle.
    DEMO_PASSWORD_WITHOUT_DEBUG exists for the test suite only (it runs with DEBUG off and
    logs the demo users in); it is not read from the environment. No get_user(): sessions
    and force_login() belong to the backends that really log people in.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if (password == settings.DEMO_PASSWORD and not settings.DEBUG
                and not settings.DEMO_PASSWORD_WITHOUT_DEBUG):
            raise PermissionDenied
        return None


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form while an account is locked (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/lockout.html",
                  {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes},
                  status=429)


def client_ip(request) -> str | None:
    """The client's address for throttling: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT
    reverse proxies the address the outermost trusted proxy saw (X-Forwarded-For is
    appended to by each proxy, so only its last N entries are trustworthy)."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in
                     request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def throttle_username(request, credentials=None) -> str | None:
    """The user name django-axes counts failures for, cut to what its log can store.

    Django's login form does not enforce the user name's length on the server, so without
    this a very long name reaches the axes log (varchar 255) and the login fails with a 500.
    """
    source = credentials if credentials is not None else getattr(request, "POST", {})
    username = source.get(get_user_model().USERNAME_FIELD) if source else None
    if username is None:
        return None
    return str(username).replace("\x00", "")[:USERNAME_LOG_LENGTH]
