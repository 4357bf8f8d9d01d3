"""A real OpenID Connect provider (django-oidc-provider) that the login tests start.

Run as its own process: DJANGO_SETTINGS_MODULE=tests.sso.provider.settings with
PROVIDER_DB (an SQLite file) and PROVIDER_URL (its issuer, http://127.0.0.1:<port>).
"""

import os

SECRET_KEY = "test-provider-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "oidc_provider",
    "tests.sso.provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "tests.sso.provider.urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True,
              "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                                 "django.contrib.auth.context_processors.auth"]}}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": os.environ.get("PROVIDER_DB", "provider.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
LOGIN_URL = "/login/"
SITE_URL = os.environ.get("PROVIDER_URL", "http://127.0.0.1:8001")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The city's directory: groups as a claim, the user name as the stable subject.
OIDC_EXTRA_SCOPE_CLAIMS = "tests.sso.provider.claims.GroupsClaims"
OIDC_IDTOKEN_SUB_GENERATOR = "tests.sso.provider.claims.subject"
OIDC_USERINFO = "tests.sso.provider.claims.userinfo"
OIDC_IDTOKEN_EXPIRE = int(os.environ.get("PROVIDER_IDTOKEN_EXPIRE", "600"))
